package io.whizbang.cli.commands;

import io.whizbang.cli.Confirmation;
import io.whizbang.cli.DatabaseOptions;
import io.whizbang.cli.ExitCodes;
import io.whizbang.runtime.Operations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code projection reset <name>} forgets the checkpoint only (the next start re-reads the feed and applies what it
 * has not applied); {@code projection rebuild <name>} forgets everything, so the whole history is applied again.
 */
public abstract class ResetProjection extends Leaf implements Callable<Integer> {
  private final boolean rebuild;

  @Mixin
  DatabaseOptions database;

  @Mixin
  Confirmation confirmation;

  @Parameters(paramLabel = "<projection>", description = "The projection's name (the PROJECTION column of status).")
  String projection;

  private ResetProjection(boolean rebuild) {
    this.rebuild = rebuild;
  }

  @Command(name = "reset", mixinStandardHelpOptions = true, description = {
      "Forgets the projection's checkpoint. At its next start it reads its source's feed from the beginning and"
          + " applies the events whose ids it does not hold: those it missed, and those whose ids were pruned"
          + " (appliedIdRetention). Stop the projection first. Exit code 1 when it had no checkpoint."})
  public static final class Reset extends ResetProjection {
    public Reset() {
      super(false);
    }
  }

  @Command(name = "rebuild", mixinStandardHelpOptions = true, description = {
      "Forgets the projection's checkpoint, applied ids and dead letters: at its next start it applies the whole"
          + " history again. Stop the projection and clear its read model first (the service's own tables; this"
          + " command does not know them). Exit code 1 when there was nothing to forget."})
  public static final class Rebuild extends ResetProjection {
    public Rebuild() {
      super(true);
    }
  }

  @Override
  public Integer call() {
    Operations ops = database.operations();
    confirmation.confirm(rebuild
        ? "forget the checkpoint, applied ids and dead letters of projection '" + projection
            + "' (its read model must be cleared by the service)"
        : "forget the checkpoint of projection '" + projection + "'", err());
    boolean done = rebuild ? ops.forgetProjection(projection) : ops.rewindProjection(projection);
    if (!done) {
      err().println("Projection '" + projection + "' has no stored progress; nothing was changed");
      return ExitCodes.NOT_FOUND;
    }
    out().println(rebuild
        ? "Projection '" + projection + "' forgotten: its next start applies the whole history"
        : "Projection '" + projection + "' rewound: its next start reads the feed from the beginning");
    out().flush();
    return ExitCodes.OK;
  }
}

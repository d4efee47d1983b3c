package io.whizbang.cli.commands;

import io.whizbang.cli.Confirmation;
import io.whizbang.cli.Durations;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.Operations;
import io.whizbang.runtime.Operations.CleanupCounts;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cleanup [--dry-run]}: what the relays' and inboxes' own cleanups delete, counted or run now. */
@Command(name = "cleanup", mixinStandardHelpOptions = true, description = {
    "Deletes, in bounded batches, the published outbox rows older than --outbox-retention and the inbox rows and"
        + " failed-run counts older than --inbox-retention: what the service's relays and inboxes delete on their"
        + " own, run now. With --dry-run it only counts them. Dead letters are never deleted here."})
public final class Cleanup extends OnDatabase implements Callable<Integer> {
  @Mixin
  Confirmation confirmation;

  @Option(names = "--dry-run", description = "Count what would be deleted; change nothing.")
  boolean dryRun;

  @Option(names = "--outbox-retention", paramLabel = "<duration>", defaultValue = "0", converter = Durations.class,
      description = "Keep published outbox rows this long (the relay's publishedRetention; default 0).")
  Duration outboxRetention;

  @Option(names = "--inbox-retention", paramLabel = "<duration>", defaultValue = "7d", converter = Durations.class,
      description = "Keep inbox rows this long (the inbox's cleanupRetention; default 7d). Shorter than the"
          + " service's own lets a late redelivery be applied twice.")
  Duration inboxRetention;

  @Override
  public Integer call() {
    Operations ops = database.operations();
    if (!dryRun) {
      confirmation.confirm("delete published outbox rows older than " + Output.human(outboxRetention)
          + " and inbox rows older than " + Output.human(inboxRetention), err());
    }
    CleanupCounts counts = ops.cleanup(outboxRetention, inboxRetention, dryRun);
    if (output.json()) {
      Output.print(out(), Output.object().put("dryRun", dryRun)
          .put("publishedOutboxRows", counts.publishedOutboxRows()).put("inboxRows", counts.inboxRows())
          .put("handlerRunCounts", counts.handlerRunCounts()));
      return ExitCodes.OK;
    }
    Table table = new Table("ROWS", dryRun ? "WOULD DELETE" : "DELETED");
    table.row("published outbox rows (older than " + Output.human(outboxRetention) + ")",
        counts.publishedOutboxRows());
    table.row("inbox rows (older than " + Output.human(inboxRetention) + ")", counts.inboxRows());
    table.row("failed-run counts (older than " + Output.human(inboxRetention) + ")", counts.handlerRunCounts());
    table.print(out());
    return ExitCodes.OK;
  }
}

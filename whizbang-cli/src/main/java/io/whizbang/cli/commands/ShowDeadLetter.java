package io.whizbang.cli.commands;

import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.runtime.DeadLetter;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code <outbox|inbox> dead-letters show <id>}: one dead letter in full, with its reason, trace and bytes. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Shows one dead letter in full: reason, stack trace, body. Exit code 1 when there is none."})
public final class ShowDeadLetter extends OnDatabase implements Callable<Integer> {
  private final DeadLetterPlace place;

  @Parameters(paramLabel = "<id>", description = "The dead letter's id (the ID column of list).")
  long id;

  public ShowDeadLetter(DeadLetterPlace place) {
    this.place = place;
  }

  @Override
  public Integer call() {
    Optional<DeadLetter> found = place.find(database.operations(), id);
    if (found.isEmpty()) {
      err().println("No " + place.label() + " dead letter " + id + " (replayed or discarded already?)");
      return ExitCodes.NOT_FOUND;
    }
    DeadLetter d = found.get();
    if (output.json()) {
      Output.print(out(), DeadLetterJson.detail(d));
      return ExitCodes.OK;
    }
    PrintWriter out = out();
    out.println("id:            " + d.id());
    out.println(place.ownerHeader().toLowerCase(java.util.Locale.ROOT) + ":"
        + " ".repeat(Math.max(1, 14 - place.ownerHeader().length())) + d.owner());
    out.println("message id:    " + d.messageId());
    out.println("wire name:     " + (d.wireName() == null ? "-" : d.wireName()));
    out.println("partition key: " + (d.partitionKey() == null ? "-" : d.partitionKey()));
    out.println("attempts:      " + d.attempts());
    out.println("parked at:     " + d.parkedAt());
    out.println("reason:        " + d.reason());
    if (d.stackTrace() != null) {
      out.println("stack trace:");
      out.println(d.stackTrace().indent(2).stripTrailing());
    }
    out.println("body:");
    out.println(DeadLetterJson.bodyText(d.body()).indent(2).stripTrailing());
    out.flush();
    return ExitCodes.OK;
  }
}

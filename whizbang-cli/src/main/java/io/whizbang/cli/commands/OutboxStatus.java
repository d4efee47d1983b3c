package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.DatabaseOptions;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.Operations.DestinationBacklog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outbox status}: the unpublished rows and dead letters per destination. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Shows the outbox per destination: messages pending, those waiting for a retry, the age of the oldest"
        + " pending one, and the dead letters. An empty outbox prints an empty table."})
public final class OutboxStatus extends Leaf implements Callable<Integer> {
  @Mixin
  DatabaseOptions database;

  @Mixin
  Output output;

  @Override
  public Integer call() {
    List<DestinationBacklog> destinations = database.operations().outboxStatus();
    if (output.json()) {
      ObjectNode doc = Output.object();
      ArrayNode array = doc.putArray("destinations");
      for (DestinationBacklog d : destinations) {
        array.addObject().put("destination", d.destination()).put("pending", d.pending())
            .put("retrying", d.retrying()).put("oldestPendingMillis", d.oldest().toMillis())
            .put("deadLetters", d.deadLetters());
      }
      Output.print(out(), doc);
      return ExitCodes.OK;
    }
    Table table = new Table("DESTINATION", "PENDING", "RETRYING", "OLDEST", "DEAD LETTERS");
    long pending = 0;
    long parked = 0;
    for (DestinationBacklog d : destinations) {
      table.row(d.destination(), d.pending(), d.retrying(), d.pending() == 0 ? "-" : Output.human(d.oldest()),
          d.deadLetters());
      pending += d.pending();
      parked += d.deadLetters();
    }
    table.print(out());
    out().println();
    out().println(pending + " pending, " + parked + " dead letter(s)");
    out().flush();
    return ExitCodes.OK;
  }
}

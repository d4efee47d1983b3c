package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.Operations;
import io.whizbang.runtime.Operations.DestinationBacklog;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code outbox status}: the unpublished rows and dead letters per destination. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Shows the outbox per destination: messages pending, those waiting for a retry, the age of the oldest"
        + " pending one, messages scheduled for later and not yet due, and the dead letters. An empty outbox prints"
        + " an empty table."})
public final class OutboxStatus extends StatusCommand<DestinationBacklog> {

  public OutboxStatus() {
    super("destinations");
  }

  @Override
  List<DestinationBacklog> read(Operations ops) {
    return ops.outboxStatus();
  }

  @Override
  void json(DestinationBacklog d, ObjectNode into) {
    into.put("destination", d.destination()).put("pending", d.pending()).put("retrying", d.retrying())
        .put("oldestPendingMillis", d.oldest().toMillis()).put("scheduled", d.scheduled())
        .put("deadLetters", d.deadLetters());
  }

  @Override
  Table table() {
    return new Table("DESTINATION", "PENDING", "RETRYING", "OLDEST", "SCHEDULED", "DEAD LETTERS");
  }

  @Override
  void row(DestinationBacklog d, Table into) {
    into.row(d.destination(), d.pending(), d.retrying(), d.pending() == 0 ? "-" : Output.human(d.oldest()),
        d.scheduled(), d.deadLetters());
  }

  @Override
  void summary(List<DestinationBacklog> rows) {
    long pending = rows.stream().mapToLong(DestinationBacklog::pending).sum();
    long scheduled = rows.stream().mapToLong(DestinationBacklog::scheduled).sum();
    long parked = rows.stream().mapToLong(DestinationBacklog::deadLetters).sum();
    out().println();
    out().println(pending + " pending, " + scheduled + " scheduled, " + parked + " dead letter(s)");
    out().flush();
  }
}

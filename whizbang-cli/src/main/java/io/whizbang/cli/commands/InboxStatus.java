package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.Operations;
import io.whizbang.runtime.Operations.InboxSummary;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code inbox status}: the inbox rows and dead letters per subscriber. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Shows each subscriber's inbox: the rows kept to recognise redeliveries (counting them reads the inbox table),"
        + " its dead letters, those marked for replay and not yet replayed, and when the oldest was parked."})
public final class InboxStatus extends StatusCommand<InboxSummary> {

  public InboxStatus() {
    super("subscribers");
  }

  @Override
  List<InboxSummary> read(Operations ops) {
    return ops.inboxStatus();
  }

  @Override
  void json(InboxSummary s, ObjectNode into) {
    into.put("subscriber", s.subscriber()).put("rows", s.rows()).put("deadLetters", s.deadLetters())
        .put("replayRequested", s.replayRequested()).put("oldestDeadLetter", Output.iso(s.oldestDeadLetter()));
  }

  @Override
  Table table() {
    return new Table("SUBSCRIBER", "ROWS", "DEAD LETTERS", "REPLAY REQUESTED", "OLDEST DEAD LETTER");
  }

  @Override
  void row(InboxSummary s, Table into) {
    into.row(s.subscriber(), s.rows(), s.deadLetters(), s.replayRequested(), s.oldestDeadLetter());
  }
}

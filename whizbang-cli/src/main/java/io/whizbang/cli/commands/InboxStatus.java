package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.DatabaseOptions;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.Operations.InboxSummary;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code inbox status}: the inbox rows and dead letters per subscriber. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Shows each subscriber's inbox: the rows kept to recognise redeliveries (counting them reads the inbox table),"
        + " its dead letters, those marked for replay and not yet replayed, and when the oldest was parked."})
public final class InboxStatus extends Leaf implements Callable<Integer> {
  @Mixin
  DatabaseOptions database;

  @Mixin
  Output output;

  @Override
  public Integer call() {
    List<InboxSummary> inboxes = database.operations().inboxStatus();
    if (output.json()) {
      ObjectNode doc = Output.object();
      ArrayNode array = doc.putArray("subscribers");
      for (InboxSummary s : inboxes) {
        array.addObject().put("subscriber", s.subscriber()).put("rows", s.rows()).put("deadLetters", s.deadLetters())
            .put("replayRequested", s.replayRequested()).put("oldestDeadLetter", Output.iso(s.oldestDeadLetter()));
      }
      Output.print(out(), doc);
      return ExitCodes.OK;
    }
    Table table = new Table("SUBSCRIBER", "ROWS", "DEAD LETTERS", "REPLAY REQUESTED", "OLDEST DEAD LETTER");
    inboxes.forEach(s -> table.row(s.subscriber(), s.rows(), s.deadLetters(), s.replayRequested(),
        s.oldestDeadLetter()));
    table.print(out());
    return ExitCodes.OK;
  }
}

package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.Confirmation;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.Operations;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code <outbox|inbox> dead-letters discard <id>...}: drops dead letters for good. */
@Command(name = "discard", mixinStandardHelpOptions = true, description = {
    "Drops dead letters for good. In the outbox, the later messages of their key are then published without them.",
    "Exit code 1 when one was not found."})
public final class DiscardDeadLetters extends OnDatabase implements Callable<Integer> {
  private final DeadLetterPlace place;

  @Mixin
  Confirmation confirmation;

  @Parameters(paramLabel = "<id>", arity = "1..*", description = "The dead letters' ids.")
  List<Long> ids;

  public DiscardDeadLetters(DeadLetterPlace place) {
    this.place = place;
  }

  @Override
  public Integer call() {
    TreeSet<Long> ordered = new TreeSet<>(ids);
    Operations ops = database.operations();
    confirmation.confirm("discard " + ordered.size() + " " + place.label() + " dead letter(s) for good (ids "
        + ordered.toString().replaceAll("[\\[\\]]", "") + ")", err());
    ObjectNode doc = Output.object();
    ArrayNode results = doc.putArray("results");
    Table table = new Table("ID", "RESULT");
    boolean all = true;
    for (long id : ordered) {
      boolean discarded = place.discard(ops, id);
      all &= discarded;
      String result = discarded ? "discarded" : "not found";
      results.addObject().put("id", id).put("result", result);
      table.row(id, result);
    }
    if (output.json()) {
      Output.print(out(), doc);
    } else {
      table.print(out());
    }
    return all ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }
}

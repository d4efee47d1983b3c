package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.DatabaseOptions;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.Operations.ProjectionState;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code projection status}: each projection's stored progress. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Shows each projection's stored progress: its checkpoint (feed cursor) and when it last moved, the applied"
        + " message ids kept to skip duplicates, and the events it parked. Exit code 1 when there is none."})
public final class ProjectionStatus extends Leaf implements Callable<Integer> {
  @Mixin
  DatabaseOptions database;

  @Mixin
  Output output;

  @Override
  public Integer call() {
    List<ProjectionState> projections = database.operations().projectionStatus();
    if (output.json()) {
      ObjectNode doc = Output.object();
      ArrayNode array = doc.putArray("projections");
      for (ProjectionState p : projections) {
        array.addObject().put("projection", p.projection()).put("cursor", p.cursor())
            .put("updatedAt", Output.iso(p.updatedAt())).put("appliedIds", p.appliedIds())
            .put("deadLetters", p.deadLetters());
      }
      Output.print(out(), doc);
    } else {
      Table table = new Table("PROJECTION", "CURSOR", "UPDATED AT", "APPLIED IDS", "DEAD LETTERS");
      projections.forEach(p -> table.row(p.projection(), p.cursor(), p.updatedAt(), p.appliedIds(), p.deadLetters()));
      table.print(out());
    }
    return projections.isEmpty() ? ExitCodes.NOT_FOUND : ExitCodes.OK;
  }
}

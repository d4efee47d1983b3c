package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.Operations;
import io.whizbang.runtime.Operations.ProjectionState;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code projection status}: each projection's stored progress. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Shows each projection's stored progress: its checkpoint (feed cursor) and when it last moved, the applied"
        + " message ids kept to skip duplicates, and the events it parked. Exit code 1 when there is none."})
public final class ProjectionStatus extends StatusCommand<ProjectionState> {

  public ProjectionStatus() {
    super("projections");
  }

  @Override
  List<ProjectionState> read(Operations ops) {
    return ops.projectionStatus();
  }

  @Override
  void json(ProjectionState p, ObjectNode into) {
    into.put("projection", p.projection()).put("cursor", p.cursor()).put("updatedAt", Output.iso(p.updatedAt()))
        .put("appliedIds", p.appliedIds()).put("deadLetters", p.deadLetters());
  }

  @Override
  Table table() {
    return new Table("PROJECTION", "CURSOR", "UPDATED AT", "APPLIED IDS", "DEAD LETTERS");
  }

  @Override
  void row(ProjectionState p, Table into) {
    into.row(p.projection(), p.cursor(), p.updatedAt(), p.appliedIds(), p.deadLetters());
  }

  @Override
  int exitCode(List<ProjectionState> rows) {
    return rows.isEmpty() ? ExitCodes.NOT_FOUND : ExitCodes.OK;
  }
}

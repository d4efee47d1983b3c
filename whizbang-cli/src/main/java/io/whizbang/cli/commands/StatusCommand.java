package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.Operations;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A {@code status} command: one row per destination, subscriber or projection, as a table or as
 * {@code {"<name>": [...]}}.
 *
 * @param <T> what a row shows
 */
abstract class StatusCommand<T> extends OnDatabase implements Callable<Integer> {
  private final String jsonName;

  StatusCommand(String jsonName) {
    this.jsonName = jsonName;
  }

  abstract List<T> read(Operations ops);

  abstract void json(T row, ObjectNode into);

  abstract Table table();

  abstract void row(T row, Table into);

  /** Printed under the table; nothing by default. */
  void summary(List<T> rows) {}

  /** {@link ExitCodes#OK} by default: an empty outbox or inbox is not a failure. */
  int exitCode(List<T> rows) {
    return ExitCodes.OK;
  }

  @Override
  public final Integer call() {
    List<T> rows = read(database.operations());
    if (output.json()) {
      ObjectNode doc = Output.object();
      ArrayNode array = doc.putArray(jsonName);
      rows.forEach(r -> json(r, array.addObject()));
      Output.print(out(), doc);
    } else {
      Table table = table();
      rows.forEach(r -> row(r, table));
      table.print(out());
      summary(rows);
    }
    return exitCode(rows);
  }
}

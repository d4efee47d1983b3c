package io.whizbang.benchmarks.inbox;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.dispatch.HandlerContext;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The handler: writes one effect row in the transaction it is given. */
public final class StepEffects {
  private final String insert;

  public StepEffects(String effectsTable) {
    this.insert = "insert into " + effectsTable + " (k, seq, message_id) values (?, ?, ?)";
  }

  /** The effects table the handler writes to. */
  public static String createTableSql(String table) {
    return "create table " + table + " (id bigint generated always as identity primary key,"
        + " k varchar(100) not null, seq int not null, message_id uuid not null)";
  }

  @Handles
  void on(StepRecorded step, HandlerContext context) throws SQLException {
    try (PreparedStatement s = context.connection().prepareStatement(insert)) {
      s.setString(1, step.key());
      s.setInt(2, step.seq());
      s.setObject(3, context.envelope().messageId());
      s.executeUpdate();
    }
  }
}

package io.whizbang.runtime.feed;

import io.whizbang.runtime.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The two numbers that let a reader prove it has seen every event committed before a given moment.
 *
 * <p>On PostgreSQL the event store only returns rows below the oldest running transaction (the fence). A reader
 * that reached the head may therefore still be missing an event that committed long ago but sits behind an older,
 * still open transaction. The <em>horizon</em> ({@code xmax} of the current snapshot: every transaction that could
 * have committed until now has an id below it) taken when a projection subscribed, compared with the <em>fence</em>
 * ({@code xmin}) read just before a page, tells the reader when every such event is visible: fence &ge; horizon.
 * On H2 appends are serialized in commit order, so both are 0 and a head read is always complete.
 */
final class Visibility {
  private final boolean postgres;

  Visibility(SqlDialect dialect) {
    this.postgres = dialect.name().equals("postgresql");
  }

  /** The fence now: rows with a lower transaction order are all committed (or will never be). */
  long fence(Connection connection) throws SQLException {
    return postgres ? query(connection, "select cast(pg_snapshot_xmin(pg_current_snapshot()) as text)") : 0;
  }

  /** True when no transaction can still add an event at or before {@code txOrder} (read before counting). */
  boolean settled(Connection connection, long txOrder) throws SQLException {
    return !postgres || txOrder < fence(connection);
  }

  /** The horizon now: every transaction that committed before this call has a lower transaction order. */
  long horizon(Connection connection) throws SQLException {
    return postgres ? query(connection, "select cast(pg_snapshot_xmax(pg_current_snapshot()) as text)") : 0;
  }

  private static long query(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return Long.parseLong(rows.getString(1));
    }
  }
}

package io.whizbang.runtime.inbox;

import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.TableNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** The inbox table's statements: record a message as handled (unless it already was), forget it, clean up. */
final class InboxTable {
  private final String table;
  private final String insert;
  private final String delete;
  private final String cleanup;

  InboxTable(SqlDialect dialect, TableNames tables) {
    this.table = tables.table("inbox");
    if (dialect.name().equals("postgresql")) {
      // Waits for a concurrent transaction inserting the same key, then reports 0 rows once it committed: two
      // instances handed the same message never both run its handler.
      insert = "insert into " + table + " (consumer_id, message_id, received_at_ms) values (?, ?, ?)"
          + " on conflict do nothing";
    } else {
      // H2 accepts ON CONFLICT only in its PostgreSQL mode; the standard MERGE reports 0 rows for a known key in
      // every mode (MERGE ... KEY would update and report 1 either way).
      insert = "merge into " + table + " t using (values (cast(? as varchar(200)), cast(? as uuid), cast(? as bigint)))"
          + " s (consumer_id, message_id, received_at_ms)"
          + " on t.consumer_id = s.consumer_id and t.message_id = s.message_id"
          + " when not matched then insert (consumer_id, message_id, received_at_ms)"
          + " values (s.consumer_id, s.message_id, s.received_at_ms)";
    }
    delete = "delete from " + table + " where consumer_id = ? and message_id = ?";
    // Bounded: one short statement per batch, so cleanup never holds many row locks or a long transaction.
    cleanup = "delete from " + table + " where (consumer_id, message_id) in (select consumer_id, message_id from "
        + table + " where consumer_id = ? and received_at_ms < ? order by received_at_ms fetch first ? rows only)";
  }

  String name() {
    return table;
  }

  /** Records the message in the caller's transaction; false when this consumer already recorded it. */
  boolean insert(Connection connection, String consumerId, UUID messageId, long nowMillis) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(insert)) {
      s.setString(1, consumerId);
      s.setObject(2, messageId);
      s.setLong(3, nowMillis);
      return s.executeUpdate() == 1;
    }
  }

  void delete(Connection connection, String consumerId, UUID messageId) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(delete)) {
      s.setString(1, consumerId);
      s.setObject(2, messageId);
      s.executeUpdate();
    }
  }

  /** Deletes at most {@code limit} rows of {@code consumerId} received before {@code cutoffMillis}. */
  int deleteOlderThan(Connection connection, String consumerId, long cutoffMillis, int limit) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(cleanup)) {
      s.setString(1, consumerId);
      s.setLong(2, cutoffMillis);
      s.setInt(3, limit);
      return s.executeUpdate();
    }
  }
}

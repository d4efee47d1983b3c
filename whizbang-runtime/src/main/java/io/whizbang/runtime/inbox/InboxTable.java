package io.whizbang.runtime.inbox;

import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.TableNames;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The inbox table's statements: record a message as handled (unless it already was), forget it, clean up. */
final class InboxTable {
  private final String table;
  private final String insert;
  /** Several rows in one statement (PostgreSQL), or null where each row is inserted alone. */
  private final String insertMany;
  private final String delete;
  private final String cleanup;

  InboxTable(SqlDialect dialect, TableNames tables) {
    this.table = tables.table("inbox");
    if (dialect.name().equals("postgresql")) {
      // Waits for a concurrent transaction inserting the same key, then reports 0 rows once it committed: two
      // instances handed the same message never both run its handler.
      insert = "insert into " + table + " (consumer_id, message_id, received_at_ms) values (?, ?, ?)"
          + " on conflict do nothing";
      // One round trip for a whole batch; rows are inserted (and locked) in array order, as one insert per row
      // would, and only the ids inserted now come back.
      insertMany = "insert into " + table + " (consumer_id, message_id, received_at_ms)"
          + " select ?, id, ? from unnest(?) with ordinality as m(id, n) order by n"
          + " on conflict do nothing returning message_id";
    } else {
      // H2 accepts ON CONFLICT only in its PostgreSQL mode; the standard MERGE reports 0 rows for a known key in
      // every mode (MERGE ... KEY would update and report 1 either way).
      insert = "merge into " + table + " t using (values (cast(? as varchar(200)), cast(? as uuid), cast(? as bigint)))"
          + " s (consumer_id, message_id, received_at_ms)"
          + " on t.consumer_id = s.consumer_id and t.message_id = s.message_id"
          + " when not matched then insert (consumer_id, message_id, received_at_ms)"
          + " values (s.consumer_id, s.message_id, s.received_at_ms)";
      insertMany = null;
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

  /**
   * Records several messages in the caller's transaction; element {@code k} of the result is false when
   * {@code messageIds[k]} was recorded before (by an earlier transaction, or earlier in the same list).
   */
  boolean[] insertAll(Connection connection, String consumerId, List<UUID> messageIds, long nowMillis)
      throws SQLException {
    boolean[] fresh = new boolean[messageIds.size()];
    if (insertMany == null) {
      for (int k = 0; k < fresh.length; k++) {
        fresh[k] = insert(connection, consumerId, messageIds.get(k), nowMillis);
      }
      return fresh;
    }
    Set<UUID> inserted = new HashSet<>();
    try (PreparedStatement s = connection.prepareStatement(insertMany)) {
      Array ids = connection.createArrayOf("uuid", messageIds.toArray());
      s.setString(1, consumerId);
      s.setLong(2, nowMillis);
      s.setArray(3, ids);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          inserted.add(rows.getObject(1, UUID.class));
        }
      }
      ids.free();
    }
    for (int k = 0; k < fresh.length; k++) {
      // remove: a second occurrence of an id in the list is a duplicate of the first
      fresh[k] = inserted.remove(messageIds.get(k));
    }
    return fresh;
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

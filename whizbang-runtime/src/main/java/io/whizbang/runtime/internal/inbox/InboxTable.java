package io.whizbang.runtime.internal.inbox;

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

/**
 * The inbox table's statements: record a message as handled or parked (unless it already was), forget a parked
 * one, clean up. Recording a message also deletes its count of failed handler runs ({@link HandlerRuns}) in the same
 * transaction: a message applied or parked has no attempts left to count.
 */
final class InboxTable {
  private final String table;
  private final String insert;
  private final String insertParked;
  /** Several rows in one statement (PostgreSQL), or null where each row is inserted alone. */
  private final String insertMany;
  /** H2 only: the separate delete of the run count (PostgreSQL deletes it inside the insert statement). */
  private final String forgetRuns;
  private final String deleteParked;
  private final String cleanup;
  private final String count;

  InboxTable(SqlDialect dialect, TableNames tables) {
    this.table = tables.table("inbox");
    String runs = tables.table("inbox_attempts");
    if (dialect.name().equals("postgresql")) {
      // Waits for a concurrent transaction inserting the same key, then reports 0 rows once it committed: two
      // instances handed the same message never both run its handler. The run count goes in the same round trip.
      String forget = "with forgotten as (delete from " + runs + " where consumer_id = ? and message_id = ?) ";
      insert = forget + "insert into " + table + " (consumer_id, message_id, received_at_ms) values (?, ?, ?)"
          + " on conflict do nothing";
      insertParked = forget + "insert into " + table + " (consumer_id, message_id, received_at_ms, parked)"
          + " values (?, ?, ?, true) on conflict do nothing";
      // One round trip for a whole batch; rows are inserted (and locked) in array order, as one insert per row
      // would, and only the ids inserted now come back.
      insertMany = "with forgotten as (delete from " + runs + " where consumer_id = ? and message_id = any(?)) "
          + "insert into " + table + " (consumer_id, message_id, received_at_ms)"
          + " select ?, id, ? from unnest(?) with ordinality as m(id, n) order by n"
          + " on conflict do nothing returning message_id";
      forgetRuns = null;
    } else {
      // H2 accepts ON CONFLICT only in its PostgreSQL mode; the standard MERGE reports 0 rows for a known key in
      // every mode (MERGE ... KEY would update and report 1 either way).
      String merge = "merge into " + table + " t using (values (cast(? as varchar(200)), cast(? as uuid),"
          + " cast(? as bigint), cast(? as boolean))) s (consumer_id, message_id, received_at_ms, parked)"
          + " on t.consumer_id = s.consumer_id and t.message_id = s.message_id"
          + " when not matched then insert (consumer_id, message_id, received_at_ms, parked)"
          + " values (s.consumer_id, s.message_id, s.received_at_ms, s.parked)";
      insert = merge;
      insertParked = merge;
      insertMany = null;
      forgetRuns = "delete from " + runs + " where consumer_id = ? and message_id = ?";
    }
    deleteParked = "delete from " + table + " where consumer_id = ? and message_id = ? and parked = true";
    // Bounded: one short statement per batch, so cleanup never holds many row locks or a long transaction.
    cleanup = "delete from " + table + " where (consumer_id, message_id) in (select consumer_id, message_id from "
        + table + " where consumer_id = ? and received_at_ms < ? order by received_at_ms fetch first ? rows only)";
    count = "select count(*) from " + table + " where consumer_id = ?";
  }

  String name() {
    return table;
  }

  /** Records the message as handled in the caller's transaction; false when this consumer already recorded it. */
  boolean insert(Connection connection, String consumerId, UUID messageId, long nowMillis) throws SQLException {
    return insert(connection, insert, consumerId, messageId, nowMillis, false);
  }

  /**
   * Records the message as parked (a dead letter holds it) in the caller's transaction; false when this consumer
   * already recorded it.
   */
  boolean insertParked(Connection connection, String consumerId, UUID messageId, long nowMillis) throws SQLException {
    return insert(connection, insertParked, consumerId, messageId, nowMillis, true);
  }

  private boolean insert(Connection connection, String sql, String consumerId, UUID messageId, long nowMillis,
      boolean parked) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      int i = 1;
      if (forgetRuns == null) {
        s.setString(i++, consumerId);
        s.setObject(i++, messageId);
      }
      s.setString(i++, consumerId);
      s.setObject(i++, messageId);
      s.setLong(i++, nowMillis);
      if (forgetRuns != null) {
        s.setBoolean(i, parked);
      }
      if (s.executeUpdate() != 1) {
        return false;
      }
    }
    if (forgetRuns != null) {
      try (PreparedStatement s = connection.prepareStatement(forgetRuns)) {
        s.setString(1, consumerId);
        s.setObject(2, messageId);
        s.executeUpdate();
      }
    }
    return true;
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
      s.setArray(2, ids);
      s.setString(3, consumerId);
      s.setLong(4, nowMillis);
      s.setArray(5, ids);
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

  /**
   * Deletes the row written when the message was parked; false when there is none, or when the row says the message
   * was handled (a redelivery after the parked row expired applied it).
   */
  boolean deleteParked(Connection connection, String consumerId, UUID messageId) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(deleteParked)) {
      s.setString(1, consumerId);
      s.setObject(2, messageId);
      return s.executeUpdate() == 1;
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

  /** The rows {@code consumerId} keeps (applied and parked messages not yet cleaned up), for a meter. */
  long count(Connection connection, String consumerId) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(count)) {
      s.setString(1, consumerId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}

package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.TableNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The durable count of a consumer's handler runs of a message that did not succeed (the {@code inbox_attempts}
 * table). It is written in its own short transaction, never in the handler's (which rolls back when the handler
 * fails), so it survives restarts and hand-overs; the broker's delivery count plays no part in it. The row goes when
 * the message is applied or parked ({@link InboxTable} deletes it with the inbox insert).
 */
final class HandlerRuns {
  private final String table;
  private final String count;
  /** H2 only: reads the count back after {@link #count} (PostgreSQL returns it from the upsert). */
  private final String read;
  private final String cleanup;
  private final String uncount;

  HandlerRuns(SqlDialect dialect, TableNames tables) {
    this.table = tables.table("inbox_attempts");
    if (dialect.name().equals("postgresql")) {
      count = "insert into " + table + " as a (consumer_id, message_id, runs, updated_at_ms) values (?, ?, 1, ?)"
          + " on conflict (consumer_id, message_id) do update set runs = a.runs + 1,"
          + " updated_at_ms = excluded.updated_at_ms returning runs";
      read = null;
    } else {
      count = "merge into " + table + " a using (values (cast(? as varchar(200)), cast(? as uuid),"
          + " cast(? as bigint))) s (consumer_id, message_id, now_ms)"
          + " on a.consumer_id = s.consumer_id and a.message_id = s.message_id"
          + " when matched then update set runs = a.runs + 1, updated_at_ms = s.now_ms"
          + " when not matched then insert (consumer_id, message_id, runs, updated_at_ms)"
          + " values (s.consumer_id, s.message_id, 1, s.now_ms)";
      read = "select runs from " + table + " where consumer_id = ? and message_id = ?";
    }
    uncount = "update " + table + " set runs = runs - 1 where consumer_id = ? and message_id = ? and runs > 0";
    cleanup = "delete from " + table + " where (consumer_id, message_id) in (select consumer_id, message_id from "
        + table + " where consumer_id = ? and updated_at_ms < ? order by updated_at_ms fetch first ? rows only)";
  }

  String name() {
    return table;
  }

  /** Counts one more run of the message in the caller's transaction; returns the runs counted so far, this one too. */
  int countRun(Connection c, String consumerId, UUID messageId, long nowMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(count)) {
      s.setString(1, consumerId);
      s.setObject(2, messageId);
      s.setLong(3, nowMillis);
      if (read == null) {
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getInt(1);
        }
      }
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(read)) {
      s.setString(1, consumerId);
      s.setObject(2, messageId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  /** Takes back one counted run (a run the database's outage interrupted, which is not the message's fault). */
  int uncountRun(Connection c, String consumerId, UUID messageId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(uncount)) {
      s.setString(1, consumerId);
      s.setObject(2, messageId);
      return s.executeUpdate();
    }
  }

  /**
   * Deletes at most {@code limit} counts of {@code consumerId} not touched since {@code cutoffMillis}: those of
   * messages finished by another instance, or by a path that could not delete them.
   */
  int deleteOlderThan(Connection c, String consumerId, long cutoffMillis, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(cleanup)) {
      s.setString(1, consumerId);
      s.setLong(2, cutoffMillis);
      s.setInt(3, limit);
      return s.executeUpdate();
    }
  }
}

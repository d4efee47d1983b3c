package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.internal.ops.FilterSql;
import io.whizbang.runtime.sql.OwnedRows;
import io.whizbang.runtime.sql.TableNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The consumer dead-letter table's statements. */
final class DeadLetterTable {
  private static final int MAX_REASON = 4000;
  private static final int MAX_STACK = 8000;
  private static final String COLUMNS = "id, consumer_id, message_id, wire_name, partition_key, reason, stack_trace,"
      + " body, attempts, dead_lettered_at_ms";

  private final String table;
  private final OwnedRows<DeadLetter> rows;

  DeadLetterTable(TableNames tables) {
    this.table = tables.table("consumer_dead_letter");
    this.rows = new OwnedRows<>(table, "consumer_id", COLUMNS, DeadLetterTable::read);
  }

  String name() {
    return table;
  }

  /** Reads and deletes by consumer and id. */
  OwnedRows<DeadLetter> rows() {
    return rows;
  }

  void insert(Connection c, String consumerId, UUID messageId, String wireName, String partitionKey, String reason,
      String stackTrace, byte[] body, int attempts, long nowMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into " + table + " (consumer_id, message_id, wire_name,"
        + " partition_key, reason, stack_trace, body, attempts, dead_lettered_at_ms)"
        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, consumerId);
      s.setObject(2, messageId);
      s.setString(3, OwnedRows.clip(wireName, 200));
      s.setString(4, OwnedRows.clip(partitionKey, 200));
      s.setString(5, OwnedRows.clip(reason, MAX_REASON));
      s.setString(6, OwnedRows.clip(stackTrace, MAX_STACK));
      s.setBytes(7, body);
      s.setInt(8, attempts);
      s.setLong(9, nowMillis);
      s.executeUpdate();
    }
  }

  void recordFailedReplay(Connection c, long id, String reason, String stackTrace) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("update " + table
        + " set attempts = attempts + 1, reason = ?, stack_trace = ? where id = ?")) {
      s.setString(1, OwnedRows.clip(reason, MAX_REASON));
      s.setString(2, OwnedRows.clip(stackTrace, MAX_STACK));
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  /** The ids of the consumer's dead letters an operator asked to replay, oldest first, at most {@code limit}. */
  List<Long> replayRequested(Connection c, String consumerId, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select id from " + table + " where consumer_id = ?"
        + " and replay_requested_at_ms is not null order by id fetch first ? rows only")) {
      s.setString(1, consumerId);
      s.setInt(2, limit);
      List<Long> ids = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
      return ids;
    }
  }

  /** Dead letters of any consumer matching {@code where}, after {@code afterId}, oldest first. */
  List<DeadLetter> list(Connection c, FilterSql where, long afterId, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from " + table + " where id > ?"
        + where.where() + " order by id fetch first ? rows only")) {
      s.setLong(1, afterId);
      s.setInt(where.bind(s, 2), limit);
      List<DeadLetter> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(read(r));
        }
      }
      return out;
    }
  }

  /** Marks the dead letter for replay by its running consumer; false when there is none with this id. */
  boolean requestReplay(Connection c, long id, long nowMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("update " + table + " set replay_requested_at_ms = ?"
        + " where id = ?")) {
      s.setLong(1, nowMillis);
      s.setLong(2, id);
      return s.executeUpdate() == 1;
    }
  }

  /** Withdraws an operator's replay request (the replay ran and failed: the dead letter stays, unmarked). */
  void clearReplayRequest(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("update " + table + " set replay_requested_at_ms = null"
        + " where id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  private static DeadLetter read(ResultSet r) throws SQLException {
    return new DeadLetter(DeadLetter.Source.INBOX, r.getString(2), r.getLong(1), r.getObject(3, UUID.class),
        r.getString(4), r.getString(5), r.getString(6), r.getString(7), null, r.getBytes(8), r.getInt(9),
        Instant.ofEpochMilli(r.getLong(10)));
  }
}

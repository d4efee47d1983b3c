package io.whizbang.runtime.inbox;

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

  DeadLetterTable(TableNames tables) {
    this.table = tables.table("consumer_dead_letter");
  }

  String name() {
    return table;
  }

  void insert(Connection c, String consumerId, UUID messageId, String wireName, String partitionKey, String reason,
      String stackTrace, byte[] body, int attempts, long nowMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into " + table + " (consumer_id, message_id, wire_name,"
        + " partition_key, reason, stack_trace, body, attempts, dead_lettered_at_ms)"
        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, consumerId);
      s.setObject(2, messageId);
      s.setString(3, clip(wireName, 200));
      s.setString(4, clip(partitionKey, 200));
      s.setString(5, clip(reason, MAX_REASON));
      s.setString(6, clip(stackTrace, MAX_STACK));
      s.setBytes(7, body);
      s.setInt(8, attempts);
      s.setLong(9, nowMillis);
      s.executeUpdate();
    }
  }

  List<DeadLetter> list(Connection c, String consumerId, long afterId, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from " + table
        + " where consumer_id = ? and id > ? order by id fetch first ? rows only")) {
      s.setString(1, consumerId);
      s.setLong(2, afterId);
      s.setInt(3, limit);
      List<DeadLetter> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(read(r));
        }
      }
      return out;
    }
  }

  Optional<DeadLetter> find(Connection c, String consumerId, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from " + table
        + " where consumer_id = ? and id = ?")) {
      s.setString(1, consumerId);
      s.setLong(2, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  long count(Connection c, String consumerId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where consumer_id = ?")) {
      s.setString(1, consumerId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Deletes the row; false when it was not there (already replayed or deleted). Locks it until the commit. */
  boolean delete(Connection c, String consumerId, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("delete from " + table + " where consumer_id = ? and id = ?")) {
      s.setString(1, consumerId);
      s.setLong(2, id);
      return s.executeUpdate() == 1;
    }
  }

  void recordFailedReplay(Connection c, long id, String reason, String stackTrace) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("update " + table
        + " set attempts = attempts + 1, reason = ?, stack_trace = ? where id = ?")) {
      s.setString(1, clip(reason, MAX_REASON));
      s.setString(2, clip(stackTrace, MAX_STACK));
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  private static DeadLetter read(ResultSet r) throws SQLException {
    return new DeadLetter(r.getLong(1), r.getString(2), r.getObject(3, UUID.class), r.getString(4), r.getString(5),
        r.getString(6), r.getString(7), r.getBytes(8), r.getInt(9), Instant.ofEpochMilli(r.getLong(10)));
  }

  /** Bounded, and without control characters: PostgreSQL text refuses NUL, and a reason is read by people. */
  private static String clip(String s, int max) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && out.length() < max; i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 && ch != '\n' && ch != '\t') {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    if (out.length() >= max && s.length() > max) {
      out.setLength(max - 3);
      out.append("...");
    }
    return out.toString();
  }
}

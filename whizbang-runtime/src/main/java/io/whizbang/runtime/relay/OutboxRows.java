package io.whizbang.runtime.relay;

import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.SqlHeaders;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The relay's statements on the outbox table; every value is bound, only validated table names are spliced. */
final class OutboxRows {
  private static final int MAX_ERROR = 2000;

  private final SqlDialect dialect;
  private final String pending;
  private final String markPublished;
  private final String fail;
  private final String park;
  private final String delete;
  private final String cleanup;
  private final String now;

  OutboxRows(SqlDialect dialect, TableNames t, RelayConfig.DeadLetterPolicy deadLetterPolicy) {
    this.dialect = dialect;
    String nowMs = dialect.nowMillis();
    this.now = "select " + nowMs;
    // The due rows of the leased partitions in id order, skipping in SQL the rows in backoff and every later row of
    // their key on their destination: a key waiting for a retry stays in order and holds only itself, and however
    // many rows wait behind it (or behind a failing destination), the batch is filled with rows that can go. The
    // subquery reads the small index of failed unpublished rows (outbox_held).
    this.pending = "select r.id, r.partition_no, r.attempts, r.next_attempt_at_ms, r.message_id,"
        + " r.destination_kind, r.destination_domain, r.partition_key, r.wire_name, r.priority, r.headers, r.body,"
        + " r.created_at_ms from " + t.outbox() + " r"
        + " where r.published_at_ms is null and r.partition_no = any(?) and r.next_attempt_at_ms <= ?"
        + " and not exists (select 1 from " + t.outbox() + " h"
        + " where h.partition_key = r.partition_key and h.published_at_ms is null and h.attempts > 0"
        + " and h.id < r.id and h.next_attempt_at_ms > ?"
        + " and h.destination_kind = r.destination_kind and h.destination_domain = r.destination_domain)"
        + (deadLetterPolicy == RelayConfig.DeadLetterPolicy.HOLD_KEY ? heldByDeadLetter(t) : "")
        + " order by r.id fetch first ? rows only";
    this.markPublished = "update " + t.outbox() + " set published_at_ms = " + nowMs
        + ", attempts = attempts + 1, last_error = null where id = any(?)";
    this.fail = "update " + t.outbox() + " set attempts = ?, next_attempt_at_ms = " + nowMs
        + " + ?, last_error = ? where id = ?";
    this.park = "insert into " + t.outboxDeadLetters() + " (id, message_id, destination_kind, destination_domain,"
        + " partition_key, partition_no, wire_name, priority, headers, body, created_at_ms, attempts, reason,"
        + " parked_at_ms) select id, message_id, destination_kind, destination_domain, partition_key, partition_no,"
        + " wire_name, priority, headers, body, created_at_ms, ?, ?, " + nowMs + " from " + t.outbox()
        + " where id = ?";
    this.delete = "delete from " + t.outbox() + " where id = ?";
    this.cleanup = dialect.boundedDelete(t.outbox(),
        "published_at_ms is not null and published_at_ms <= " + nowMs + " - ?");
  }

  /**
   * Sequenced dead letters: a row parked before this one, of the same key and destination, holds it until the dead
   * letter is replayed (it is back in the outbox, in front) or discarded. Dead letters are few, and a row without a
   * key is never held ({@code = null} is never true).
   */
  private static String heldByDeadLetter(TableNames t) {
    return " and not exists (select 1 from " + t.outboxDeadLetters() + " d"
        + " where d.partition_key = r.partition_key and d.id < r.id"
        + " and d.destination_kind = r.destination_kind and d.destination_domain = r.destination_domain)";
  }

  long nowMillis(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(now); ResultSet rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Up to {@code limit} rows of {@code partitions} that may be published at {@code nowMillis} (the database's
   * clock): due, and not behind a row of their key and destination that waits for its retry.
   */
  List<PendingRow> pending(Connection c, List<Integer> partitions, long nowMillis, int limit) throws SQLException {
    List<PendingRow> rows = new ArrayList<>(limit);
    try (PreparedStatement s = c.prepareStatement(pending)) {
      Array array = c.createArrayOf("INTEGER", partitions.toArray());
      s.setArray(1, array);
      s.setLong(2, nowMillis);
      s.setLong(3, nowMillis);
      s.setInt(4, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          OutgoingMessage message = new OutgoingMessage(
              r.getObject(5, UUID.class),
              r.getString(9),
              new Destination(Destination.Kind.valueOf(r.getString(6)), r.getString(7)),
              r.getString(8),
              r.getInt(10),
              SqlHeaders.decode(r.getString(11)),
              r.getBytes(12));
          rows.add(new PendingRow(r.getLong(1), r.getInt(2), r.getInt(3), r.getLong(4), r.getLong(13), message));
        }
      }
      array.free();
    }
    return rows;
  }

  void markPublished(Connection c, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(markPublished)) {
      Array array = c.createArrayOf(dialect.bigintArrayType(), ids.toArray());
      s.setArray(1, array);
      s.executeUpdate();
      array.free();
    }
  }

  void retryLater(Connection c, List<Failure> failures) throws SQLException {
    if (failures.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(fail)) {
      for (Failure f : failures) {
        s.setInt(1, f.attempts());
        s.setLong(2, f.delayMillis());
        s.setString(3, truncate(f.error()));
        s.setLong(4, f.id());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Moves rows to the dead-letter table, in one transaction. */
  void park(Connection c, List<Failure> failures) throws SQLException {
    if (failures.isEmpty()) {
      return;
    }
    c.setAutoCommit(false);
    try (PreparedStatement insert = c.prepareStatement(park); PreparedStatement remove = c.prepareStatement(delete)) {
      for (Failure f : failures) {
        insert.setInt(1, f.attempts());
        insert.setString(2, truncate(f.error()));
        insert.setLong(3, f.id());
        insert.addBatch();
        remove.setLong(1, f.id());
        remove.addBatch();
      }
      insert.executeBatch();
      remove.executeBatch();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Deletes at most {@code batch} published rows older than {@code retentionMillis}; returns how many. */
  int cleanup(Connection c, long retentionMillis, int batch) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(cleanup)) {
      s.setLong(1, retentionMillis);
      s.setInt(2, batch);
      return s.executeUpdate();
    }
  }

  private static String truncate(String error) {
    String text = error == null ? "unknown error" : error;
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 3) + "...";
  }

  /** A row whose publication failed, with its new attempt count. */
  record Failure(long id, int attempts, long delayMillis, String error) {}
}

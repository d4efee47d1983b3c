package io.whizbang.runtime.relay;

import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.transport.Destination;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox's dead letters: rows the broker refused for good. With the default
 * {@link OutboxDeadLetterPolicy#HOLD_KEY} each one holds the later rows of its key until it is replayed or
 * discarded here.
 *
 * <pre>{@code
 * OutboxDeadLetters deadLetters = new OutboxDeadLetters(storage);
 * for (OutboxDeadLetter letter : deadLetters.list(0, 100)) {
 *   deadLetters.replay(letter.id());   // once the cause is fixed; or deadLetters.discard(letter.id())
 * }
 * }</pre>
 */
public final class OutboxDeadLetters {
  private static final String COLUMNS = "id, message_id, destination_kind, destination_domain, partition_key,"
      + " wire_name, attempts, reason, body, created_at_ms, parked_at_ms";

  private final SqlStorage storage;
  private final String list;
  private final String find;
  private final String count;
  private final String requeue;
  private final String delete;
  private final String lockOne;

  public OutboxDeadLetters(SqlStorage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
    TableNames t = storage.tables();
    String dead = t.outboxDeadLetters();
    this.list = "select " + COLUMNS + " from " + dead + " where id > ? order by id fetch first ? rows only";
    this.find = "select " + COLUMNS + " from " + dead + " where id = ?";
    this.count = "select count(*) from " + dead;
    // Back under its own id, so it is again in front of the later rows of its key; due at once, with a fresh
    // attempt count.
    this.requeue = "insert into " + t.outbox() + " (id, message_id, destination_kind, destination_domain,"
        + " partition_key, partition_no, wire_name, priority, headers, body, created_at_ms, attempts,"
        + " next_attempt_at_ms) overriding system value select id, message_id, destination_kind,"
        + " destination_domain, partition_key, partition_no, wire_name, priority, headers, body, created_at_ms, 0, 0"
        + " from " + dead + " where id = ?";
    this.delete = "delete from " + dead + " where id = ?";
    this.lockOne = "select id from " + dead + " where id = ? for update";
  }

  /** Up to {@code limit} dead letters with an id greater than {@code afterId}, oldest first (page with the last id). */
  public List<OutboxDeadLetter> list(long afterId, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
    }
    return storage.inTransaction(tx -> {
      try (PreparedStatement s = tx.connection().prepareStatement(list)) {
        s.setLong(1, afterId);
        s.setInt(2, limit);
        return read(s);
      }
    });
  }

  public Optional<OutboxDeadLetter> find(long id) {
    return storage.inTransaction(tx -> {
      try (PreparedStatement s = tx.connection().prepareStatement(find)) {
        s.setLong(1, id);
        return read(s).stream().findFirst();
      }
    });
  }

  public long count() {
    return storage.inTransaction(tx -> {
      try (PreparedStatement s = tx.connection().prepareStatement(count); ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  /**
   * Puts the dead letter back in the outbox in its old place, in one transaction with its removal from this table:
   * the relay publishes it next, then the later rows of its key. False when there is no dead letter with this id
   * (already replayed or discarded). If the broker refuses it for good again, it is parked again.
   */
  public boolean replay(long id) {
    return storage.inTransaction(tx -> {
      Connection c = tx.connection();
      try (PreparedStatement lock = c.prepareStatement(lockOne);
          PreparedStatement insert = c.prepareStatement(requeue);
          PreparedStatement remove = c.prepareStatement(delete)) {
        // Lock first: of two concurrent replays the second waits, then finds nothing to replay.
        lock.setLong(1, id);
        try (ResultSet r = lock.executeQuery()) {
          if (!r.next()) {
            return false;
          }
        }
        insert.setLong(1, id);
        insert.executeUpdate();
        remove.setLong(1, id);
        remove.executeUpdate();
        return true;
      }
    });
  }

  /** Drops the dead letter for good; the later rows of its key are published without it. False when there was none. */
  public boolean discard(long id) {
    return storage.inTransaction(tx -> {
      try (PreparedStatement s = tx.connection().prepareStatement(delete)) {
        s.setLong(1, id);
        return s.executeUpdate() == 1;
      }
    });
  }

  private static List<OutboxDeadLetter> read(PreparedStatement s) throws SQLException {
    List<OutboxDeadLetter> letters = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        letters.add(new OutboxDeadLetter(
            r.getLong(1),
            r.getObject(2, UUID.class),
            new Destination(Destination.Kind.valueOf(r.getString(3)), r.getString(4)),
            r.getString(5),
            r.getString(6),
            r.getInt(7),
            r.getString(8),
            r.getBytes(9),
            Instant.ofEpochMilli(r.getLong(10)),
            Instant.ofEpochMilli(r.getLong(11))));
      }
    }
    return letters;
  }
}

package io.whizbang.runtime.outbox;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters;
import io.whizbang.runtime.Operations.DeadLetterFilter;
import io.whizbang.runtime.internal.DeadLetterPages;
import io.whizbang.runtime.internal.ops.FilterSql;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
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
 * The outbox's dead letters: rows the broker refused for good. With the relay's default dead-letter policy
 * ({@code HOLD_KEY}) each one holds the later rows of its key until it is replayed or discarded here. Handed out as
 * {@code Whizbang.outboxDeadLetters()} and {@code Relay.deadLetters()}.
 */
public final class OutboxDeadLetters implements DeadLetters {
  private static final String COLUMNS = "id, message_id, destination_kind, destination_domain, partition_key,"
      + " wire_name, attempts, reason, body, created_at_ms, parked_at_ms";

  private final SqlStorage storage;
  private final String dead;
  private final String list;
  private final String find;
  private final String count;
  private final String requeue;
  private final String delete;
  private final String lockOne;

  public OutboxDeadLetters(SqlStorage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
    TableNames t = StorageInternals.tables(storage);
    this.dead = t.outboxDeadLetters();
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

  @Override
  public List<DeadLetter> list(long afterId, int limit) {
    DeadLetterPages.checkLimit(limit);
    return storage.inTransaction(tx -> {
      try (PreparedStatement s = tx.connection().prepareStatement(list)) {
        s.setLong(1, afterId);
        s.setInt(2, limit);
        return read(s);
      }
    });
  }

  /**
   * Up to {@code limit} (1 to 10,000) dead letters matching {@code filter} (its owner being a destination name such
   * as {@code whizbang.orders.events}) with an id greater than {@code afterId}, oldest first.
   */
  public List<DeadLetter> list(DeadLetterFilter filter, long afterId, int limit) {
    DeadLetterPages.checkLimit(limit);
    FilterSql where = FilterSql.of(filter, null, "parked_at_ms");
    return storage.inTransaction(tx -> {
      try (PreparedStatement s = tx.connection().prepareStatement("select " + COLUMNS + " from " + dead
          + " where id > ?" + where.where() + " order by id fetch first ? rows only")) {
        s.setLong(1, afterId);
        s.setInt(where.bind(s, 2), limit);
        return read(s);
      }
    });
  }

  @Override
  public Optional<DeadLetter> find(long id) {
    return storage.inTransaction(tx -> {
      try (PreparedStatement s = tx.connection().prepareStatement(find)) {
        s.setLong(1, id);
        return read(s).stream().findFirst();
      }
    });
  }

  @Override
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
  @Override
  public ReplayResult replay(long id) {
    boolean requeued = storage.inTransaction(tx -> {
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
    return requeued ? ReplayResult.replayed() : ReplayResult.notFound();
  }

  /** Drops the dead letter for good; the later rows of its key are published without it. False when there was none. */
  @Override
  public boolean discard(long id) {
    return storage.inTransaction(tx -> {
      try (PreparedStatement s = tx.connection().prepareStatement(delete)) {
        s.setLong(1, id);
        return s.executeUpdate() == 1;
      }
    });
  }

  private static List<DeadLetter> read(PreparedStatement s) throws SQLException {
    List<DeadLetter> letters = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        Destination destination = new Destination(Destination.Kind.valueOf(r.getString(3)), r.getString(4));
        letters.add(new DeadLetter(
            DeadLetter.Source.OUTBOX,
            destination.conventionalName(),
            r.getLong(1),
            r.getObject(2, UUID.class),
            r.getString(6),
            r.getString(5),
            r.getString(8),
            null,
            null,
            r.getBytes(9),
            r.getInt(7),
            Instant.ofEpochMilli(r.getLong(11))));
      }
    }
    return letters;
  }
}

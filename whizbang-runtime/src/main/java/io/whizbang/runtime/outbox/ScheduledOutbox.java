package io.whizbang.runtime.outbox;

import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.SqlHeaders;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.TransportLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The outbox's schedule: messages sent for later wait here, in the caller's transaction like any outbox row, until
 * the relay of their partition moves them into the outbox when the database's clock says they are due. Due times are
 * the database's: {@code deliverAfter(d)} is due {@code d} after the database's now at the write, and
 * {@code deliverAt(t)} when the database's clock reaches {@code t}, so a service whose clock is off never makes a
 * message go early.
 *
 * <pre>{@code
 * ScheduledMessage handle = scheduled.schedule(connection, message, options);
 * scheduled.cancel(connection, handle.messageId());   // true: it will never be published
 * }</pre>
 */
public final class ScheduledOutbox {
  private final SqlStorage storage;
  private final TransportLimits limits;
  private final String now;
  private final String insert;
  private final String delete;
  private final String table;
  private final Runnable wake;

  public ScheduledOutbox(SqlStorage storage, TransportLimits limits) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.limits = Objects.requireNonNull(limits, "limits");
    SqlDialect dialect = StorageInternals.dialect(storage);
    this.table = StorageInternals.tables(storage).outboxScheduled();
    this.now = "select " + dialect.nowMillis();
    this.insert = "insert into " + table + " (message_id, destination_kind, destination_domain, partition_key,"
        + " partition_no, wire_name, priority, headers, body, due_at_ms, created_at_ms) values"
        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.delete = "delete from " + table + " where message_id = ?";
    this.wake = StorageInternals.commitSignal(storage)::fire;
  }

  /**
   * Stores {@code message} in a transaction of its own, due as {@code options} say, and wakes this process's relays
   * once it committed (a message already due goes at once).
   */
  public ScheduledMessage schedule(OutgoingMessage message, SendOptions options) {
    return storage.inTransaction(tx -> {
      tx.afterCommit(wake);
      return schedule(tx.connection(), message, options);
    });
  }

  /** Cancels a scheduled message in a transaction of its own; see {@link #cancel(Connection, UUID)}. */
  public boolean cancel(UUID messageId) {
    return storage.inTransaction(tx -> cancel(tx.connection(), messageId));
  }

  /**
   * Stores {@code message} in the caller's transaction on {@code connection}, due as {@code options} say; it is
   * published after the caller commits and once it is due.
   *
   * @throws IllegalArgumentException when {@code options} have no delivery time
   */
  public ScheduledMessage schedule(Connection connection, OutgoingMessage message, SendOptions options) {
    if (!options.isScheduled()) {
      throw new IllegalArgumentException("Options without deliverAt or deliverAfter schedule nothing: " + options);
    }
    limits.check(message, "It was not scheduled in " + table);
    try {
      long dbNow = databaseNow(connection);
      long dueAt = options.deliverAtInstant() != null
          ? Math.max(dbNow, options.deliverAtInstant().toEpochMilli())
          : dbNow + options.deliverAfterDelay().toMillis();
      try (PreparedStatement s = connection.prepareStatement(insert)) {
        s.setObject(1, message.messageId());
        s.setString(2, message.destination().kind().name());
        s.setString(3, message.destination().domain());
        s.setString(4, message.partitionKey());
        s.setInt(5, OutboxPartitioner.partitionOf(message.partitionKey(), message.messageId(),
            storage.outboxPartitions()));
        s.setString(6, message.wireName());
        s.setInt(7, message.priority());
        s.setString(8, SqlHeaders.encode(message.headers()));
        s.setBytes(9, message.body());
        s.setLong(10, dueAt);
        s.setLong(11, dbNow);
        s.executeUpdate();
      }
      return new ScheduledMessage(message.messageId(), Instant.ofEpochMilli(dueAt));
    } catch (SQLException e) {
      throw new StorageException("Scheduling " + message.wireName() + " " + message.messageId() + " in " + table
          + " failed", e);
    }
  }

  /**
   * Cancels a scheduled message in the caller's transaction: true when it was still waiting (it will never be
   * published once the caller commits), false when it was already moved to the outbox (due), published, cancelled,
   * or never scheduled.
   */
  public boolean cancel(Connection connection, UUID messageId) {
    try (PreparedStatement s = connection.prepareStatement(delete)) {
      s.setObject(1, Objects.requireNonNull(messageId, "messageId"));
      return s.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StorageException("Cancelling the scheduled message " + messageId + " in " + table + " failed", e);
    }
  }

  private long databaseNow(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(now); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}

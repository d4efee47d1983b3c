package io.whizbang.runtime.outbox;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.sql.SqlDialect;
import io.whizbang.runtime.sql.SqlHeaders;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TableNames;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import io.whizbang.runtime.storage.Tx;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.TransportLimitException;
import io.whizbang.runtime.transport.TransportLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * The transactional outbox: messages written in the same transaction as the business change, published later by
 * the {@code Relay} and only marked published once the broker confirmed them.
 *
 * <pre>{@code
 * Outbox outbox = new Outbox(storage, transport.limits());
 * // in your own JDBC / Spring / jOOQ transaction:
 * outbox.append(connection, List.of(message));
 * // or in a transaction of the storage, which also wakes the relay right after the commit:
 * storage.inTransaction(tx -> { updateOrder(tx.connection()); outbox.append(tx, List.of(message)); return null; });
 * }</pre>
 *
 * <p>Appends on a caller's connection wake relays of other processes through PostgreSQL {@code NOTIFY}, sent from
 * another connection once the caller's transaction has committed; relays of this process wake on
 * {@link #signalCommitted()} or at their next poll.
 *
 * <p>Built with the transport's {@link TransportLimits}, an append first checks every message against them and
 * refuses the whole list with a {@link TransportLimitException} before anything is inserted, so a message the
 * broker could never carry is not stored to be parked later. Without limits ({@code new Outbox(storage)}) the
 * transport refuses such a message when the relay publishes it.
 */
public final class Outbox {
  private final SqlStorage storage;
  private final SqlDialect dialect;
  private final TableNames tables;
  private final String insert;
  private final String insertReturningTransactionId;
  private final Runnable wake;
  private final TransportLimits limits;
  private final String notWritten;
  /** One instance, so that several appends in one transaction register one after-commit action. */
  private final Runnable committed = this::committed;

  /** An outbox that checks no size limit: the transport refuses what it cannot carry when the relay publishes. */
  public Outbox(SqlStorage storage) {
    this(storage, TransportLimits.NONE);
  }

  /** An outbox that refuses a message over {@code limits}, the limits of the transport its relay publishes to. */
  public Outbox(SqlStorage storage, TransportLimits limits) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.dialect = StorageInternals.dialect(storage);
    this.tables = StorageInternals.tables(storage);
    this.insert = "insert into " + tables.outbox() + " (message_id, destination_kind, destination_domain,"
        + " partition_key, partition_no, wire_name, priority, headers, body, created_at_ms) values"
        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.nowMillis() + ")";
    this.insertReturningTransactionId = insert + " returning cast(pg_current_xact_id() as text)";
    this.wake = StorageInternals.commitSignal(storage)::fire;
    this.notWritten = "It was not written to the outbox " + tables.outbox();
  }

  /**
   * Appends in {@code tx} and wakes this process's relays right after it commits.
   *
   * @throws TransportLimitException when a message exceeds the transport's limits (nothing is inserted; the
   *     transaction, left to roll back, fails)
   */
  public void append(Tx tx, List<OutgoingMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    checkLimits(messages);
    try {
      insert(tx.connection(), messages, false);
    } catch (SQLException e) {
      throw failure(e, messages);
    }
    tx.afterCommit(committed);
  }

  /** Appends in the transaction of a Jdbi handle (see {@link #append(Connection, List)}). */
  public void append(Handle handle, List<OutgoingMessage> messages) {
    append(handle.getConnection(), messages);
  }

  /**
   * Appends in the caller's transaction on {@code connection}: the rows become visible, and publishable, only when
   * the caller commits; a rollback leaves no trace. In auto-commit mode the messages are committed together at once.
   * Never commits, rolls back or closes a caller's transaction.
   *
   * @throws StorageException when a message id is already in the outbox, or the insert fails
   * @throws TransportLimitException when a message exceeds the transport's limits: nothing is inserted, and the
   *     caller's transaction is left as it was, to roll back (committing it would commit the business change
   *     without its messages)
   */
  public void append(Connection connection, List<OutgoingMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    checkLimits(messages);
    try {
      boolean ownTransaction = connection.getAutoCommit();
      if (ownTransaction) {
        connection.setAutoCommit(false);
      }
      try {
        boolean notify = !ownTransaction && storage.notifyOnCommit();
        Long transactionId = insert(connection, messages, notify);
        if (ownTransaction) {
          connection.commit();
        } else if (transactionId != null) {
          storage.notifyAfterCommitOf(transactionId);
        } else if (notify) {
          storage.notifyAfterCommit(connection);
        }
      } catch (SQLException | RuntimeException e) {
        if (ownTransaction) {
          connection.rollback();
        }
        throw e;
      } finally {
        if (ownTransaction) {
          connection.setAutoCommit(true);
        }
      }
      if (ownTransaction) {
        committed();
      }
    } catch (SQLException e) {
      throw failure(e, messages);
    }
  }

  /** Every message first: a list is refused whole, before its first row is inserted. */
  private void checkLimits(List<OutgoingMessage> messages) {
    for (OutgoingMessage m : messages) {
      limits.check(m, notWritten);
    }
  }

  private void committed() {
    wake.run();
    storage.notifyCommitted();
  }

  private StorageException failure(SQLException e, List<OutgoingMessage> messages) {
    SQLException cause = e.getNextException() != null ? e.getNextException() : e;
    if ("23505".equals(cause.getSQLState()) || "23505".equals(e.getSQLState())) {
      return new StorageException("A message with the same message id is already in " + tables.outbox()
          + ": every outgoing message needs a new id", e);
    }
    return new StorageException("Appending " + messages.size() + " message(s) to " + tables.outbox() + " failed", e);
  }

  /**
   * Inserts the rows; for a single row with {@code wantTransactionId} (PostgreSQL only) also returns the writing
   * transaction's id in the same round trip, for the after-commit notification. Null otherwise.
   */
  private Long insert(Connection connection, List<OutgoingMessage> messages, boolean wantTransactionId)
      throws SQLException {
    int partitions = storage.outboxPartitions();
    boolean returning = wantTransactionId && messages.size() == 1;
    String sql = returning ? insertReturningTransactionId : insert;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (OutgoingMessage m : messages) {
        statement.setObject(1, m.messageId());
        statement.setString(2, m.destination().kind().name());
        statement.setString(3, m.destination().domain());
        statement.setString(4, m.partitionKey());
        statement.setInt(5, OutboxPartitioner.partitionOf(m.partitionKey(), m.messageId(), partitions));
        statement.setString(6, m.wireName());
        statement.setInt(7, m.priority());
        statement.setString(8, SqlHeaders.encode(m.headers()));
        statement.setBytes(9, m.body());
        if (returning) {
          break;                                 // the one row, sent below with its RETURNING clause
        }
        statement.addBatch();
      }
      if (returning) {
        try (ResultSet r = statement.executeQuery()) {
          r.next();
          return Long.parseLong(r.getString(1));
        }
      }
      if (messages.size() == 1) {
        statement.executeUpdate();
        statement.clearBatch();
      } else {
        statement.executeBatch();
      }
      return null;
    }
  }

  /** Wakes the relays of this process; call it after committing a transaction that appended on a connection. */
  public void signalCommitted() {
    wake.run();
  }

  /**
   * The outgoing message of a stored event, to its domain's event destination: the envelope encoded once, plus the
   * standard broker headers ({@link BrokerHeaders#of}).
   */
  public static OutgoingMessage eventMessage(Envelope envelope, int priority, EnvelopeEncoder encoder) {
    return new OutgoingMessage(envelope.messageId(), envelope.wireName(), Destination.events(envelope.domain()),
        envelope.partitionKey(), priority, BrokerHeaders.of(envelope), encoder.encode(envelope));
  }
}

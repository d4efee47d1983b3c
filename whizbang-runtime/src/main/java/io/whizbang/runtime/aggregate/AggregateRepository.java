package io.whizbang.runtime.aggregate;

import io.whizbang.annotations.Event;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.outbox.EnvelopeEncoder;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.storage.StorageException;
import io.whizbang.runtime.storage.Tx;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.store.StoredEvent;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads event-sourced aggregates by replaying their streams, and saves them: the raised events are appended with
 * the version the aggregate was loaded at, and written to the outbox, in one transaction.
 *
 * <pre>{@code
 * AggregateRepository<Order> orders = new AggregateRepository<>(storage, new Order_AggregateType());
 * Aggregate<Order> order = orders.create(orderId).raise(new OrderPlaced(orderId, total));
 * orders.save(order);                                     // its own transaction; wakes the relay after commit
 * orders.save(connection, order);                         // or inside the caller's transaction
 * }</pre>
 *
 * @throws io.whizbang.runtime.store.ConcurrencyException from {@code save} when the stream moved on since the load
 * @throws IllegalArgumentException from {@code save} when an event's partition key is not the aggregate id
 */
public final class AggregateRepository<A> {
  private final SqlStorage storage;
  private final AggregateType<A> type;
  private final EventStore store;
  private final Outbox outbox;
  private final EnvelopeEncoder encoder;
  private final EventPayloads payloads;
  private final Clock clock;

  /** A repository publishing envelopes in the standard wire format. */
  public AggregateRepository(SqlStorage storage, AggregateType<A> type) {
    this(storage, type, EnvelopeEncoder.standard(), Clock.systemUTC());
  }

  /** With another encoder (the runtime's own, for tests: its type is not exported). */
  AggregateRepository(SqlStorage storage, AggregateType<A> type, EnvelopeEncoder encoder) {
    this(storage, type, encoder, Clock.systemUTC());
  }

  AggregateRepository(SqlStorage storage, AggregateType<A> type, EnvelopeEncoder encoder, Clock clock) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.type = Objects.requireNonNull(type, "type");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = new EventStore(storage);
    this.outbox = new Outbox(storage);
    this.payloads = new EventPayloads(type.category(), type.eventTypes());
  }

  /** A new aggregate (version 0); saving it fails if its stream already exists. */
  public Aggregate<A> create(String id) {
    return new Aggregate<>(type, checkId(id), type.initial(id), 0);
  }

  /** The aggregate replayed from its stream, or a new one when the stream is empty. */
  public Aggregate<A> load(Connection connection, String id) {
    Aggregate<A> aggregate = create(id);
    A state = aggregate.state();
    long version = 0;
    for (StoredEvent stored : store.readStream(connection, type.streamId(id))) {
      Event event = payloads.decode(stored.envelope());
      state = type.apply(state, event);
      version = stored.streamVersion();
    }
    return new Aggregate<>(type, id, state, version);
  }

  /** {@link #load(Connection, String)} on a connection of the storage. */
  public Aggregate<A> load(String id) {
    try (Connection connection = storage.dataSource().getConnection()) {
      return load(connection, id);
    } catch (SQLException e) {
      throw new StorageException("Cannot open a connection to load " + type.streamId(id), e);
    }
  }

  /** The aggregate, or empty when it has no stored event. */
  public Optional<Aggregate<A>> find(Connection connection, String id) {
    Aggregate<A> aggregate = load(connection, id);
    return aggregate.isNew() ? Optional.empty() : Optional.of(aggregate);
  }

  /** Saves in a transaction of its own and wakes the relay right after the commit. */
  public void save(Aggregate<A> aggregate) {
    storage.inTransaction(tx -> {
      save(tx, aggregate, null);
      return null;
    });
  }

  /** Saves in {@code tx}; the relay is woken after it commits. */
  public void save(Tx tx, Aggregate<A> aggregate, Envelope cause) {
    if (!aggregate.pendingEvents().isEmpty()) {
      save(tx.connection(), aggregate, cause);
      tx.afterCommit(outbox::signalCommitted);
    }
  }

  /** Saves in the caller's transaction (see {@link #save(Connection, Aggregate, Envelope)}). */
  public void save(Connection connection, Aggregate<A> aggregate) {
    save(connection, aggregate, null);
  }

  /**
   * Appends the raised events with the loaded version as expected version and writes their outbox rows, in the
   * caller's transaction on {@code connection} (or one of its own when the connection is in auto-commit mode).
   * After a rollback of the caller's transaction, reload the aggregate: this instance counts its events as saved.
   *
   * @param cause the message being handled, whose correlation id the events inherit and whose id becomes their
   *     causation id; {@code null} for an original request
   */
  public void save(Connection connection, Aggregate<A> aggregate, Envelope cause) {
    if (aggregate.type() != type) {
      throw new IllegalArgumentException("Aggregate " + aggregate.id() + " belongs to another repository");
    }
    List<Event> events = aggregate.pendingEvents();
    if (events.isEmpty()) {
      return;
    }
    List<Envelope> envelopes = new ArrayList<>(events.size());
    List<Integer> priorities = new ArrayList<>(events.size());
    UUID correlation = cause != null ? cause.correlationId() : null;
    for (Event event : events) {
      MessageType<? extends Event> messageType = payloads.typeOf(event);
      UUID messageId = MessageIds.next();
      String key = payloads.partitionKey(messageType, event);
      if (key != null && !key.equals(aggregate.id())) {
        // One stream, one partition: a different key would let the broker reorder the aggregate's events.
        throw new IllegalArgumentException(type.streamId(aggregate.id()) + ": " + messageType.wireName()
            + " has partition key '" + key + "' but belongs to aggregate '" + aggregate.id()
            + "'; its @PartitionKey component must hold the aggregate id");
      }
      envelopes.add(new Envelope(messageId, messageType.wireName(), messageType.domain(),
          key != null ? key : aggregate.id(), correlation != null ? correlation : messageId,
          cause != null ? cause.messageId() : null, clock.instant(), Envelope.NO_POSITION,
          EventPayloads.versioned(messageType, traceHeaders(cause)), payloads.encode(messageType, event)));
      priorities.add(messageType.priority());
    }
    try {
      boolean ownTransaction = connection.getAutoCommit();
      if (ownTransaction) {
        connection.setAutoCommit(false);
      }
      try {
        List<StoredEvent> stored = store.append(connection, type.streamId(aggregate.id()), aggregate.version(),
            envelopes);
        List<OutgoingMessage> messages = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
          messages.add(Outbox.eventMessage(stored.get(i).envelopeWithCursor(), priorities.get(i), encoder));
        }
        outbox.append(connection, messages);
        if (ownTransaction) {
          connection.commit();
        }
        aggregate.saved(stored.get(stored.size() - 1).streamVersion());
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
        outbox.signalCommitted();
      }
    } catch (SQLException e) {
      throw new StorageException("Saving " + type.streamId(aggregate.id()) + " failed", e);
    }
  }

  /** The cause's trace context, checked and capped like every message's (the cause is another process's input). */
  private static Map<String, String> traceHeaders(Envelope cause) {
    return cause == null ? Map.of() : io.whizbang.runtime.core.internal.TraceContext.carriedOver(cause.headers());
  }

  private static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty() || id.length() > 150) {
      throw new IllegalArgumentException("An aggregate id must have 1 to 150 characters, was '" + id + "'");
    }
    return id;
  }
}

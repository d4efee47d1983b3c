package io.whizbang.runtime.transport.fault;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.internal.metrics.MicrometerServiceMetrics;
import io.whizbang.runtime.internal.metrics.ServiceMetrics;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.outbox.OutboxDeadLetters;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.AppliedEvents;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The real stack one fault test drives: a service's outbox in PostgreSQL published by a {@link Relay}, and a
 * subscriber whose inbox (in the same database) records each applied event as a row (key, seq) in the transaction it
 * marks the event handled in. So the effect rows show exactly what the subscriber applied: a duplicate the inbox
 * failed to remove, a lost or a reordered event. Both are metered as a service with a meter registry is, read
 * without the gauges' cache, so a test sees what an operator's dashboard shows during the fault.
 */
final class FaultStack implements AutoCloseable {
  static final String WIRE_NAME = "orders.OrderPlaced";

  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  /** The database of both services; each uses its own tables (outbox and leases; inbox and effects). */
  final StorageFixture db;
  final AppliedEvents applied;
  final InboxConsumer inbox;
  final Relay relay;
  final OutboxDeadLetters deadLetters;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Outbox outbox;
  private final EnvelopeFactory envelopes;

  /**
   * Subscribes the inbox through {@code consuming} (then {@code ready} runs, for transports whose subscription is
   * not ready on return) and starts a relay publishing through {@code publishing}.
   */
  FaultStack(Transport consuming, Transport publishing, RelayConfig relayConfig, SubscriptionReady ready)
      throws Exception {
    try {
      // One migration for both services, which halves the setup of a test.
      db = opened(StorageFixture.create(TestDb.POSTGRES));
      applied = AppliedEvents.create(db.dataSource(), StorageInternals.tables(db.storage()).table("applied"));
      inbox = opened(InboxConsumer.builder(db.storage(), "fault-ledger")
          .dispatchers(List.of(applied.recorder("applies-placed", Set.of(WIRE_NAME), AppliedEvents.ORDER_PLACED)))
          .build());
      Subscription subscription = opened(inbox.subscribe(consuming,
          List.of(new SubscriptionRequest.Source(Destination.events("orders"), Set.of(WIRE_NAME))), 4));
      ready.await(subscription);
      outbox = new Outbox(db.storage());
      envelopes = new EnvelopeFactory(MessageRouter.of(List.of(new OrdersFixtureModule())), "orders",
          Set.of("orders"), Clock.systemUTC());
      deadLetters = new OutboxDeadLetters(db.storage());
      relay = opened(new Relay(db.storage(), publishing, relayConfig));
      ServiceMetrics metrics = MicrometerServiceMetrics.create(meters, "orders", publishing.name(), Duration.ZERO);
      open.push(metrics::close);
      metrics.inbox(inbox);
      metrics.outbox(db.storage());
      metrics.relay(relay);
      relay.start();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** What makes a subscription ready to receive what is published from now on. */
  @FunctionalInterface
  interface SubscriptionReady {
    void await(Subscription subscription) throws Exception;
  }

  /** The event number {@code seq} of key {@code key}, with a customer name of {@code customerChars} characters. */
  OutgoingMessage event(String key, int seq, int customerChars) {
    return envelopes.event(new OrderPlaced(key, "c".repeat(customerChars), seq), null).toOutgoingMessage();
  }

  /** Writes the messages to the outbox in one transaction, as a service's handler would. */
  void append(List<OutgoingMessage> messages) {
    db.storage().inTransaction(tx -> {
      outbox.append(tx, messages);
      return null;
    });
  }

  /** Outbox rows not published yet (rows in the dead-letter table are not in the outbox). */
  long unpublished() {
    return db.count("select count(*) from " + StorageInternals.tables(db.storage()).outbox()
        + " where published_at_ms is null");
  }

  /** The value of the meter {@code name} with the tag {@code tag}={@code value} (or the only one, tag null). */
  double meter(String name, String tag, String value) {
    var search = meters.find(name);
    if (tag != null) {
      search = search.tag(tag, value);
    }
    var meter = search.meter();
    if (meter == null) {
      throw new AssertionError("no meter " + name + (tag == null ? "" : " with " + tag + "=" + value));
    }
    return meter.measure().iterator().next().getValue();
  }

  /** The most failed attempts of any outbox row still waiting to be published. */
  long mostAttempts() {
    return db.count("select coalesce(max(attempts), 0) from " + StorageInternals.tables(db.storage()).outbox()
        + " where published_at_ms is null");
  }

  private <T extends AutoCloseable> T opened(T closeable) {
    open.push(closeable);
    return closeable;
  }

  @Override
  public void close() {
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (Exception e) {
        System.err.println("closing the fault stack: " + e);
      }
    }
  }
}

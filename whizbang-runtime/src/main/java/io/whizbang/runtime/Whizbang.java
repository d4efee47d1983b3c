package io.whizbang.runtime;

import io.whizbang.runtime.core.WhizbangException;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.consumer.ConsumerFactory;
import io.whizbang.runtime.inbox.Inbox;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.internal.metrics.ServiceMetrics;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.outbox.OutboxBacklog;
import io.whizbang.runtime.outbox.OutboxDeadLetters;
import io.whizbang.runtime.outbox.ScheduledOutbox;
import io.whizbang.runtime.outgoing.OutgoingEnvelope;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.outgoing.MessagePublisher;
import io.whizbang.runtime.projection.RunningProjection;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Transport;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One running service: sends commands to their owners, publishes the events of the domains it owns, and feeds
 * what it receives to its handlers. Built without a container:
 *
 * <pre>{@code
 * try (Whizbang shipping = Whizbang.builder()
 *     .service("shipping")
 *     .modulesFromClasspath()
 *     .handlers(WhizbangModule_Shipping.handlers(new ShippingHandlers(repository)))
 *     .transport(transport)
 *     .build()
 *     .start()) {
 *   shipping.send(new ShipOrder(orderId)).join(); // completes once the broker confirmed it
 * }
 * }</pre>
 */
public final class Whizbang implements AutoCloseable {

  private enum State { BUILT, STARTED, CLOSED }

  private final String serviceName;
  private final Set<String> ownedDomains;
  private final MessageRouter router;
  private final Transport transport;
  private final boolean ownsTransport;
  private final MessagePublisher publisher;
  private final EnvelopeFactory envelopes;
  private final List<ServiceWiring.Plan> plans;
  private final int consumerConcurrency;
  private final ConsumerFactory consumers;
  private final ServiceStorage storage;
  private volatile Relay relay;
  /** Guarded by this service's lock. */
  private final ServiceSubscriptions subscriptions;
  private final Health.Thresholds healthThresholds;
  /** {@link ServiceMetrics#NONE} unless the builder was given a meter registry. */
  private final ServiceMetrics metrics;
  private final List<RunningProjection> watched = new CopyOnWriteArrayList<>();
  private volatile State state = State.BUILT;

  Whizbang(String serviceName, Set<String> ownedDomains, MessageRouter router, Transport transport,
      boolean ownsTransport, MessagePublisher publisher, EnvelopeFactory envelopes, List<ServiceWiring.Plan> plans,
      int consumerConcurrency, ConsumerFactory consumers, ServiceStorage storage, Health.Thresholds healthThresholds,
      ServiceMetrics metrics) {
    this.serviceName = serviceName;
    this.ownedDomains = Set.copyOf(ownedDomains);
    this.router = router;
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    this.publisher = publisher;
    this.envelopes = envelopes;
    this.plans = List.copyOf(plans);
    this.consumerConcurrency = consumerConcurrency;
    this.consumers = consumers;
    this.storage = storage;
    this.healthThresholds = healthThresholds;
    this.metrics = metrics;
    this.subscriptions = new ServiceSubscriptions(serviceName);
  }

  /** Starts the configuration of a service. */
  public static WhizbangBuilder builder() {
    return new WhizbangBuilder();
  }

  /**
   * Opens the subscriptions: one for the service's commands and handled events (subscriber id = service name),
   * one per projection (subscriber id = projection name). Sending and publishing work before {@code start()},
   * except in a service with storage, whose tables {@code start()} creates.
   *
   * @return this, for chaining
   */
  public synchronized Whizbang start() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("Whizbang service '" + serviceName + "' is closed and cannot start again");
    }
    if (state == State.STARTED) {
      return this;
    }
    try {
      startStorage();
      subscriptions.open(plans, consumers, envelopes, transport, consumerConcurrency, metrics);
    } catch (RuntimeException | Error e) {
      closeSubscriptions();
      closeRelay();
      subscriptions.forgetInboxes();               // their consumers are closed
      metrics.close();                             // a new start() registers them again
      throw e;
    }
    state = State.STARTED;
    return this;
  }

  /**
   * Sends a command to the service owning its domain.
   *
   * @return completes once the command is safe (broker-confirmed, or stored by the outbox publisher)
   * @throws io.whizbang.runtime.dispatch.UnknownMessageTypeException when no registered module declares its type
   */
  public CompletableFuture<Void> send(Command command) {
    ensureNotClosed("send");
    return publisher.publish(List.of(envelopes.command(command, null)));
  }

  /**
   * Publishes an event of a domain this service owns to every subscribing service.
   *
   * @return completes once the event is safe (broker-confirmed, or stored by the outbox publisher)
   * @throws WhizbangException when this service does not own the event's domain
   * @throws io.whizbang.runtime.dispatch.UnknownMessageTypeException when no registered module declares its type
   */
  public CompletableFuture<Void> publish(Event event) {
    ensureNotClosed("publish");
    return publisher.publish(List.of(envelopes.event(event, null)));
  }

  /**
   * Sends a command with {@code options} over its type's priority and time to live. With a delivery time it waits
   * in the outbox's schedule (a service with storage) until it is due by the database's clock.
   *
   * @return completes, once the command is safe, with its handle: {@link #cancel} takes it back while not yet due
   * @throws IllegalStateException when {@code options} schedule it and the service has no storage
   */
  public CompletableFuture<ScheduledMessage> send(Command command, SendOptions options) {
    ensureNotClosed("send");
    return dispatch(envelopes.command(command, null, options), options);
  }

  /** Publishes an event with {@code options}, as {@link #send(Command, SendOptions)} sends a command. */
  public CompletableFuture<ScheduledMessage> publish(Event event, SendOptions options) {
    ensureNotClosed("publish");
    return dispatch(envelopes.event(event, null, options), options);
  }

  private CompletableFuture<ScheduledMessage> dispatch(OutgoingEnvelope message, SendOptions options) {
    if (!options.isScheduled()) {
      ScheduledMessage handle = new ScheduledMessage(message.envelope().messageId(), message.envelope().occurredAt());
      return publisher.publish(List.of(message)).thenApply(done -> handle);
    }
    ScheduledOutbox scheduled = storage("schedule " + message.envelope().wireName()).scheduled();
    try {
      return CompletableFuture.completedFuture(scheduled.schedule(message.toOutgoingMessage(), options));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Cancels a scheduled message: true when it was still waiting (it will never be published), false when it was
   * already due (moved to the outbox, published) or cancelled, or never scheduled.
   *
   * @throws IllegalStateException when the service has no storage
   */
  public boolean cancel(ScheduledMessage handle) {
    ensureNotClosed("cancel");
    return storage("cancel a scheduled message").scheduled().cancel(handle.messageId());
  }

  private void startStorage() {
    if (storage == null) {
      return;
    }
    storage.storage().migrate();
    metrics.outbox(storage.storage());
    if (storage.relayConfig() != null) {
      relay = storage.relay(transport, storage.relayConfig(), metrics);
      relay.start();
    }
  }

  /**
   * A relay of this service's outbox that the caller runs: for a service built {@code withoutRelay()} that starts,
   * replaces or stops its relay itself (a relay of its own per deployment stage, a restart after a change of
   * settings). It publishes on the service's transport and reports to the service's meters (its counts add to the
   * service's {@code whizbang.outbox.*} meters, a replaced relay's included) and traces, as the service's own relay
   * would. Not started: the caller starts and closes it.
   *
   * <pre>{@code
   * Relay relay = whizbang.newRelay(RelayConfig.builder().relayId("orders-blue").build());
   * relay.start();
   * }</pre>
   *
   * @throws IllegalStateException when the service has no storage
   */
  public Relay newRelay(RelayConfig config) {
    Objects.requireNonNull(config, "config");
    ensureNotClosed("newRelay");
    if (storage == null) {
      throw new IllegalStateException("Service '" + serviceName + "' has no storage, so no outbox to relay: build it"
          + " with storage(...)");
    }
    return storage.relay(transport, config, metrics);
  }

  /**
   * The inbox of a subscription ({@code subscriberId}: the service name or a projection's name) of a started
   * service with storage: its statistics, its dead letters and its cleanup.
   */
  public synchronized Optional<Inbox> inbox(String subscriberId) {
    return Optional.ofNullable(subscriptions.inbox(subscriberId));
  }

  /** The relay this instance runs, when it has storage, is started and runs one. */
  public Optional<Relay> relay() {
    return Optional.ofNullable(relay);
  }

  /** The storage of a service built with {@code storage(...)}. */
  public Optional<SqlStorage> storage() {
    return storage == null ? Optional.empty() : Optional.of(storage.storage());
  }

  /**
   * The outbox's dead letters of a service built with {@code storage(...)}: the messages the broker refused for
   * good, to list, replay or discard (next to each inbox's {@code inbox(id).get().deadLetters()}).
   */
  public Optional<DeadLetters> outboxDeadLetters() {
    return storage().map(OutboxDeadLetters::new);
  }

  /**
   * Sends a command through the outbox in the caller's transaction on {@code connection} (plain JDBC, Spring's
   * {@code DataSourceUtils.getConnection}, jOOQ...): it is published after, and only if, the caller commits. Never
   * commits, rolls back or closes the caller's transaction (a connection in auto-commit mode gets one of its own).
   * On PostgreSQL every relay, this process's too, is woken by a notification after the commit; on H2 (or with
   * {@code notifyOnCommit(false)}) relays find the row at their next poll unless you call
   * {@code relay().ifPresent(Relay::wake)} after committing.
   *
   * @throws IllegalStateException when the service was built without {@code storage(...)}
   * @throws io.whizbang.runtime.transport.TransportLimitException when the command is over the transport's
   *     {@code limits()} (a partition key or header too large): nothing is written; roll your transaction back
   */
  public void send(Connection connection, Command command) {
    ensureNotClosed("send");
    outbox("send").append(connection, List.of(envelopes.command(command, null).toOutgoingMessage()));
  }

  /**
   * Publishes an event through the outbox in the caller's transaction on {@code connection}, together with the
   * business change it announces: both commit, or neither. See {@link #send(Connection, Command)} for the
   * connection and the wake-up of relays.
   *
   * @throws IllegalStateException when the service was built without {@code storage(...)}
   * @throws WhizbangException when this service does not own the event's domain
   * @throws io.whizbang.runtime.transport.TransportLimitException when the event is over the transport's
   *     {@code limits()}: nothing is written; roll your transaction back
   */
  public void publish(Connection connection, Event event) {
    ensureNotClosed("publish");
    outbox("publish").append(connection, List.of(envelopes.event(event, null).toOutgoingMessage()));
  }

  /** The storage parts, or a refusal to {@code operation} (what needs the outbox's tables) without them. */
  private ServiceStorage storage(String operation) {
    if (storage == null) {
      throw new IllegalStateException("Cannot " + operation + ": Whizbang service '" + serviceName + "' has no"
          + " storage; build it with .storage(SqlStorage.builder(dataSource).build())");
    }
    return storage;
  }

  private Outbox outbox(String operation) {
    return storage(operation + " in a database transaction").outbox();
  }

  /**
   * How this service is doing, for a readiness probe ({@link Health#ready()}) or an operator: the service's state,
   * its relay, its outbox backlog, each subscription and its inbox, dead-letter counts and the projections passed to
   * {@link #watch}. Reads the database (a few counting queries); a database it cannot read makes it DOWN. Rules and
   * thresholds ({@code builder().health(...)}): docs/observability.md, "Health".
   */
  public Health health() {
    State now;
    List<String> subscribed;
    Map<String, InboxConsumer> inboxesNow;
    synchronized (this) {
      now = state;
      subscribed = now == State.STARTED ? plans.stream().map(ServiceWiring.Plan::subscriberId).toList() : List.of();
      inboxesNow = subscriptions.inboxes();
    }
    ServiceHealth h = new ServiceHealth(healthThresholds).service(now.name());
    Relay r = relay;
    if (storage != null && storage.relayConfig() != null && now != State.BUILT && r != null) {
      h.relay(r.stats());
    }
    if (storage != null) {
      h.outbox(new OutboxBacklog(storage.storage()));
    }
    for (ServiceWiring.Plan plan : plans) {
      h.subscriber(plan.subscriberId(), subscribed.contains(plan.subscriberId()), inboxesNow.get(plan.subscriberId()));
    }
    for (RunningProjection p : watched) {
      h.projection(p.progress());
    }
    if (storage != null) {
      h.outboxDeadLetters(new OutboxDeadLetters(storage.storage()));
    }
    return h.build(serviceName, Instant.now());
  }

  /**
   * Adds a projection run next to this service (by a {@code ProjectionEngine}) to its {@link #health()}: its phase,
   * lag and parked events.
   *
   * @return this, for chaining
   */
  public Whizbang watch(RunningProjection projection) {
    watched.add(Objects.requireNonNull(projection, "projection"));
    return this;
  }

  /** The service name, also its subscriber id. */
  public String serviceName() {
    return serviceName;
  }

  /** The domains this service owns. */
  public Set<String> ownedDomains() {
    return ownedDomains;
  }

  /** The registered message types and their routes (the router is the runtime's own; tests build envelopes with it). */
  MessageRouter router() {
    return router;
  }

  /** The transport this service publishes to and consumes from. */
  public Transport transport() {
    return transport;
  }

  /**
   * Stops consuming (deliveries in progress are returned to the broker), stops the inbox cleaners and the relay, and
   * closes the transport if the builder
   * created it; a transport passed to the builder is left open for its other users.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
    }
    closeSubscriptions();
    closeRelay();
    if (ownsTransport) {
      transport.close();
    }
    metrics.close();
  }

  private synchronized void closeSubscriptions() {
    subscriptions.close();
  }

  private void closeRelay() {
    Relay r = relay;
    if (r != null) {
      r.close();                                   // kept for relay() and its counters after close
    }
  }

  private void ensureNotClosed(String operation) {
    if (state == State.CLOSED) {
      throw new IllegalStateException("Cannot " + operation + ": Whizbang service '" + serviceName + "' is closed");
    }
  }
}

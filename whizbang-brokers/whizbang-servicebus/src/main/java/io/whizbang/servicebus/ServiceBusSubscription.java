package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.kit.BacklogRefresh;
import io.whizbang.runtime.transport.kit.TransportCounters;
import io.whizbang.runtime.transport.kit.TransportLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running consumer: for each entity it reads (a command queue, its subscription on a domain's topic),
 * {@code concurrency * sessionsPerLane} {@link SessionLane}s, each holding one session (one partition key) at a time.
 * Every instance of a service competes for the same sessions; Service Bus gives a session to one receiver at a time.
 */
final class ServiceBusSubscription implements Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceBusSubscription.class);

  private final String subscriberId;
  private final ServiceBusConfig config;
  private final TransportLifecycle lifecycle;
  private final List<SessionSource> sources = new ArrayList<>();
  private final List<SessionLane> lanes = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile BacklogRefresh backlog = BacklogRefresh.unknown();

  private ServiceBusSubscription(String subscriberId, ServiceBusConfig config, TransportLifecycle lifecycle) {
    this.subscriberId = subscriberId;
    this.config = config;
    this.lifecycle = lifecycle;
  }

  static ServiceBusSubscription start(SubscriptionRequest request, DeliveryHandler handler, ServiceBusConfig config,
      TransportCounters deliveries, SendCounters counters,
      TransportLifecycle lifecycle, ServiceBusAdministrationClient administration) {
    ServiceBusSubscription s = new ServiceBusSubscription(request.subscriberId(), config, lifecycle);
    ServiceBusNames names = config.names();
    // A connection of its own: closing this subscription's clients must not close the connection that the
    // transport's senders and its other subscriptions use (the SDK closes a shared connection with a client).
    ServiceBusClientBuilder clients = ServiceBusClients.builder(config);
    Map<String, SubscriptionRequest.Source> byEntity = new LinkedHashMap<>();
    Map<String, Set<String>> wanted = new LinkedHashMap<>();
    ActiveMessages active = new ActiveMessages(administration);
    for (SubscriptionRequest.Source source : request.sources()) {
      Destination d = source.destination();
      String entity = d.kind() == Destination.Kind.COMMANDS ? names.commandQueue(d.domain())
          : names.topic(d.domain()) + "/subscriptions/" + names.subscription(request.subscriberId());
      if (byEntity.putIfAbsent(entity, source) == null) {
        if (d.kind() == Destination.Kind.COMMANDS) {
          active.queue(names.commandQueue(d.domain()));
        } else {
          active.subscription(names.topic(d.domain()), names.subscription(request.subscriberId()));
        }
      }
      wanted.computeIfAbsent(entity, e -> new HashSet<>()).addAll(source.wireNames());
    }
    byEntity.forEach((entity, source) -> {
      Destination d = source.destination();
      ServiceBusClientBuilder.ServiceBusSessionReceiverClientBuilder b = clients.sessionReceiver()
          .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
          // No renewal by the client builder: a session the broker grants after acceptNextSession gave up waiting
          // would be renewed for nobody, and its key held for maxLockRenewal. The lane renews what it holds.
          .maxAutoLockRenewDuration(Duration.ZERO)
          // With prefetch off, the SDK's synchronous receiver releases every message that arrives between two
          // receive calls, and an abandoned message of the held session comes straight back that way: released and
          // redelivered in a loop, the session's messages come back out of order. With prefetch they wait, in
          // order, in the receiver's buffer; they belong to the held session anyway.
          .prefetchCount(config.maxBatch())
          // Settled by the lanes alone: complete only after the inbox committed, never by the client on its own.
          .disableAutoComplete();
      if (d.kind() == Destination.Kind.COMMANDS) {
        b.queueName(names.commandQueue(d.domain()));
      } else {
        b.topicName(names.topic(d.domain())).subscriptionName(names.subscription(request.subscriberId()));
      }
      ServiceBusSessionReceiverClient sessions = b.buildClient();
      s.sources.add(new SessionSource(entity, d.kind(), Set.copyOf(wanted.get(entity)), sessions));
    });
    if (!config.provisioning()) {
      try {
        s.sources.forEach(source -> source.requireExists(request.subscriberId()));
      } catch (RuntimeException e) {
        s.closeClients();
        throw e;
      }
    }
    if (administration != null) {
      s.backlog = BacklogRefresh.start(config.threads("whizbang-servicebus-" + request.subscriberId()
          + "-backlog"), active.toString(), active);
    }
    ThreadFactory threads = config.threads("whizbang-servicebus-" + request.subscriberId()
        + "-lane");
    int index = 0;
    for (SessionSource source : s.sources) {
      for (int i = 0; i < request.concurrency() * config.sessionsPerLane(); i++) {
        SessionLane lane = new SessionLane(source, handler, config, deliveries, counters, request.subscriberId(),
            index++);
        s.lanes.add(lane);
        lane.start(threads.newThread(lane));
      }
    }
    return s;
  }

  /**
   * The active messages of the entities this subscription reads (its command queues, its subscriptions on the
   * domains' topics), as the administration client last read them every {@link BacklogRefresh#INTERVAL}: see
   * {@link ActiveMessages}. Empty without an administration client (a development emulator's connection string).
   */
  @Override
  public OptionalLong backlog() {
    return backlog.value();
  }

  /**
   * Stops taking sessions, lets each lane finish the handler call in hand and settle what it released (at once, no
   * more waiting out delays), then lets its session go. A lane still in a handler after {@code closeTimeout} keeps
   * its session until the handler returns; its messages then come back in order.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    backlog.close();
    lanes.forEach(SessionLane::stop);
    long deadline = System.nanoTime() + config.closeTimeout().toNanos();
    boolean all = true;
    try {
      for (SessionLane lane : lanes) {
        if (lane.thread() == Thread.currentThread()) {
          continue;
        }
        lane.thread().join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        all &= !lane.thread().isAlive();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!all) {
      LOG.warn("subscriber '{}': a handler did not return within {} of the close; its session is let go when it"
          + " returns", subscriberId, config.closeTimeout());
    } else {
      closeClients();
    }
    lifecycle.forget(this);
  }

  /** Stops as a process that dies would (tests only): nothing more is settled, sessions are dropped. */
  void kill() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    backlog.close();
    lanes.forEach(SessionLane::kill);
    closeClients();
    lifecycle.forget(this);
  }

  private void closeClients() {
    for (SessionSource source : sources) {
      try {
        source.sessions().close();
      } catch (RuntimeException e) {
        LOG.debug("subscriber '{}': closing the session client of {}: {}", subscriberId, source.entityPath(),
            e.toString());
      }
    }
  }
}

package io.whizbang.samples.shop.demo;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConsumer;
import io.whizbang.runtime.inbox.InboxStats;
import io.whizbang.runtime.inbox.OutgoingFactory;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.retry.RetryPolicy;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.sql.SqlStorage;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One storage-backed service: its handlers behind an inbox consumer (inbox row, handler effects and outbox rows in
 * one transaction), and a relay publishing its outbox. This is the glue the {@code Whizbang} builder does not do
 * yet for storage-backed services; it uses only the runtime's public API.
 */
final class ServiceNode implements AutoCloseable {

  private final String name;
  private final SqlStorage storage;
  private final Transport transport;
  private final InboxConsumer consumer;
  private final Subscription subscription;
  private final RelayConfig.Builder relayConfig;
  private final AtomicInteger relayGeneration = new AtomicInteger();
  private final AtomicLong publishedByEarlierRelays = new AtomicLong();
  private volatile Relay relay;

  ServiceNode(String name, SqlStorage storage, Transport transport, MessageRouter router, Set<String> owned,
      List<? extends MessageDispatcher> dispatchers, boolean relayOutbox, int concurrency) {
    this.name = name;
    this.storage = storage;
    this.transport = transport;
    EnvelopeFactory envelopes = new EnvelopeFactory(router, name, owned, Clock.systemUTC());
    this.consumer = InboxConsumer.builder(storage, name)
        .dispatchers(dispatchers)
        .outgoing(outgoing(envelopes))
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(50))
            .maxDelay(Duration.ofMillis(500)).build())
        .maxBatch(50)
        .build();
    // Wakes the relay as soon as (not at its next poll) a batch committed: aggregate saves inside a handler write
    // the outbox on the inbox's connection, and the inbox only signals the relay for messages sent via the context.
    this.relayConfig = RelayConfig.builder().publishInterval(Duration.ofMillis(50)).batchSize(500)
        .leaseDuration(Duration.ofSeconds(1)).confirmTimeout(Duration.ofMillis(900));
    if (relayOutbox) {
      startRelay();
    }
    try {
      this.subscription = transport.subscribe(
          new SubscriptionRequest(name, sources(router, dispatchers), concurrency),
          batch -> {
            consumer.handle(batch);
            Relay r = relay;
            if (r != null) {
              r.wake();
            }
          });
    } catch (RuntimeException e) {
      if (relay != null) {
        relay.close();
      }
      consumer.close();
      throw e;
    }
  }

  String name() {
    return name;
  }

  SqlStorage storage() {
    return storage;
  }

  InboxConsumer consumer() {
    return consumer;
  }

  InboxStats stats() {
    return consumer.stats();
  }

  /** Messages published by this service's relays so far. */
  long published() {
    Relay r = relay;
    return publishedByEarlierRelays.get() + (r == null ? 0 : r.publishedCount());
  }

  int relayGeneration() {
    return relayGeneration.get();
  }

  /** Trouble: stops the relay (as a crash or a deployment would) and starts a new one under a new id. */
  synchronized void restartRelay() {
    Relay old = relay;
    if (old != null) {
      old.close();
      publishedByEarlierRelays.addAndGet(old.publishedCount());
    }
    startRelay();
  }

  private synchronized void startRelay() {
    Relay r = new Relay(storage, transport,
        relayConfig.relayId(name + "-relay-" + relayGeneration.incrementAndGet()).build());
    r.start();
    relay = r;
  }

  @Override
  public synchronized void close() {
    subscription.close();
    Relay r = relay;
    if (r != null) {
      r.close();
    }
    consumer.close();
  }

  static OutgoingFactory outgoing(EnvelopeFactory envelopes) {
    return new OutgoingFactory() {
      @Override
      public OutgoingMessage command(Command command, Envelope cause) {
        return envelopes.command(command, cause).toOutgoingMessage();
      }

      @Override
      public OutgoingMessage event(Event event, Envelope cause) {
        return envelopes.event(event, cause).toOutgoingMessage();
      }
    };
  }

  /** The destinations and wire names the dispatchers handle, as the broker subscription wants them. */
  static List<SubscriptionRequest.Source> sources(MessageRouter router, List<? extends MessageDispatcher> dispatchers) {
    Map<Destination, Set<String>> wanted = new LinkedHashMap<>();
    for (MessageDispatcher d : dispatchers) {
      for (String wireName : d.wireNames()) {
        MessageType<?> type = router.byWireName(wireName).orElseThrow(() -> new IllegalStateException(
            d.handlerName() + " handles " + wireName + ", which no registered module declares"));
        wanted.computeIfAbsent(router.destinationOf(type), k -> new LinkedHashSet<>()).add(wireName);
      }
    }
    List<SubscriptionRequest.Source> sources = new ArrayList<>();
    wanted.forEach((destination, names) -> sources.add(new SubscriptionRequest.Source(destination, names)));
    return sources;
  }
}

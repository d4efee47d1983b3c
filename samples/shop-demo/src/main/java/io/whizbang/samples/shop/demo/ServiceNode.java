package io.whizbang.samples.shop.demo;

import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.WhizbangBuilder;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.inbox.Inbox;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.inbox.InboxStats;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One storage-backed service: its handlers behind an inbox consumer (inbox row, handler effects and outbox rows in
 * one transaction), and a relay publishing its outbox. The {@code Whizbang} builder plans the subscriptions, checks
 * ownership and runs the inbox; the relay is this node's own, so that the demo can stop and replace it mid-run.
 */
final class ServiceNode implements AutoCloseable {

  private final String name;
  private final SqlStorage storage;
  private final Transport transport;
  private final Inbox consumer;
  private final Whizbang whizbang;
  private final RelayConfig.Builder relayConfig;
  private final AtomicInteger relayGeneration = new AtomicInteger();
  private final AtomicLong publishedByEarlierRelays = new AtomicLong();
  private volatile Relay relay;

  ServiceNode(String name, SqlStorage storage, Transport transport, List<WhizbangModule> modules,
      HandlerSet handlers, boolean relayOutbox, int concurrency, DemoTelemetry telemetry) {
    this.name = name;
    this.storage = storage;
    this.transport = transport;
    this.relayConfig = RelayConfig.builder().publishInterval(Duration.ofMillis(50)).batchSize(500)
        .leaseDuration(Duration.ofSeconds(1)).confirmTimeout(Duration.ofMillis(900));
    WhizbangBuilder builder = telemetry.instrument(Whizbang.builder())
        .service(name)
        .handlers(handlers)
        .transport(transport)
        .consumerConcurrency(concurrency)
        .storage(storage, s -> s                   // every subscription inbox-guarded on this service's tables
            .withoutRelay()                        // the node runs its own, to restart it on purpose
            .inbox(inbox -> inbox
                .retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(50))
                    .maxDelay(Duration.ofMillis(500)).build())
                .maxBatch(50)));
    modules.forEach(builder::module);
    this.whizbang = builder.build().start();
    if (relayOutbox) {
      try {
        startRelay();
      } catch (RuntimeException e) {
        whizbang.close();
        throw e;
      }
    }
    this.consumer = whizbang.inbox(name).orElseThrow(
        () -> new IllegalStateException("service '" + name + "' has no handlers, so no inbox"));
  }

  String name() {
    return name;
  }

  SqlStorage storage() {
    return storage;
  }

  Inbox consumer() {
    return consumer;
  }

  InboxStats stats() {
    return consumer.stats();
  }

  /** Messages published by this service's relays so far. */
  long published() {
    Relay r = relay;
    return publishedByEarlierRelays.get() + (r == null ? 0 : r.stats().published());
  }

  int relayGeneration() {
    return relayGeneration.get();
  }

  /** Trouble: stops the relay (as a crash or a deployment would) and starts a new one under a new id. */
  synchronized void restartRelay() {
    Relay old = relay;
    if (old != null) {
      old.close();
      publishedByEarlierRelays.addAndGet(old.stats().published());
    }
    startRelay();
  }

  private synchronized void startRelay() {
    // A relay of the service (its meters and traces), which this node starts, replaces and stops itself.
    Relay r = whizbang.newRelay(relayConfig.relayId(name + "-relay-" + relayGeneration.incrementAndGet()).build());
    r.start();
    relay = r;
  }

  @Override
  public synchronized void close() {
    whizbang.close();
    Relay r = relay;
    if (r != null) {
      r.close();
    }
  }
}

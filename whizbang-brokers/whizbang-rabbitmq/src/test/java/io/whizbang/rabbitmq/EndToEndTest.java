package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.relay.RelayCrash;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.testfixtures.AppliedEvents;
import io.whizbang.runtime.testfixtures.ForwardingDelivery;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Outbox (PostgreSQL) to RabbitMQ to two inbox-guarded subscribing services, with one of two relays killed mid-run
 * and every connection of the service closed by the broker mid-run: each subscriber must apply every event exactly
 * once (its effect rows commit with its inbox rows), in order per key. When a key's order breaks, the failure shows
 * the key's deliveries as they arrived and were settled.
 */
class EndToEndTest extends BrokerTestBase {

  private static final int EVENTS = 10_000;
  private static final int KEYS = 100;
  private static final String WIRE_NAME = PlacedEvents.WIRE_NAME;

  /** Per effects table: each delivery's arrival and settlement, shown when a key's order breaks. */
  private final Map<String, Queue<String>> arrivals = new ConcurrentHashMap<>();

  /** Records "key:seq#deliveryCount@lane/ms in", then "ack" or "release", of the delivery it wraps. */
  private static final class Traced extends ForwardingDelivery {
    private final Queue<String> log;
    private final String tag;

    Traced(Delivery delivery, Queue<String> log) {
      super(delivery);
      this.log = log;
      AppliedEvents.Applied event = PlacedEvents.read(EnvelopeCodec.decode(delivery.body()));
      this.tag = event.key() + ":" + event.seq() + "#" + delivery.deliveryCount() + "@"
          + Thread.currentThread().getName() + "/" + System.nanoTime() / 1_000_000 % 100_000;
      log.add(tag + " in");
    }

    @Override
    public void ack() {
      log.add(tag + " ack");
      delivery.ack();
    }

    @Override
    public void release(Duration delay) {
      log.add(tag + " release " + delay.toMillis() + " ms");
      delivery.release(delay);
    }
  }

  @Test
  void everySubscriberAppliesEachEventExactlyOnceInOrderPerKeyThroughFailures() throws Exception {
    String rabbitmqctl = Broker.requireRabbitmqctl();
    PGSimpleDataSource postgres = Postgres.require();
    String schema = "wbe2e_" + prefix.replace("wbtest.", "").replace(".", "");
    SqlStorage storage = SqlStorage.builder(postgres).schema(schema).build();
    storage.migrate();
    String orders = domain("orders");
    List<InboxConsumer> consumers = new ArrayList<>();
    List<Relay> relays = new ArrayList<>();
    try {
      RabbitMqTransport consuming = transport(b -> b.recoveryInterval(Duration.ofMillis(250)));
      Map<String, AppliedEvents> effects = new LinkedHashMap<>();
      for (String service : List.of("billing", "shipping")) {
        AppliedEvents applied = AppliedEvents.create(postgres, schema + ".effects_" + service);
        effects.put(service, applied);
        InboxConsumer consumer = InboxConsumer.builder(storage, subscriber(service))
            .dispatchers(List.of(applied.recorder("RecordingHandlers", Set.of(WIRE_NAME), PlacedEvents::read)))
            .build();
        consumers.add(consumer);
        Queue<String> log = new ConcurrentLinkedQueue<>();
        arrivals.put(schema + ".effects_" + service, log);
        consuming.subscribe(new SubscriptionRequest(subscriber(service), List.of(new SubscriptionRequest.Source(
            Destination.events(orders), Set.of(WIRE_NAME))), 4), batch -> {
              List<Delivery> seen = new ArrayList<>();
              for (Delivery d : batch) {
                seen.add(new Traced(d, log));
              }
              consumer.handle(seen);
            });
      }
      RabbitMqTransport publishing = transport(b -> b.recoveryInterval(Duration.ofMillis(250))
          .confirmTimeout(Duration.ofSeconds(1)));
      for (int i = 0; i < 2; i++) {
        Relay relay = new Relay(storage, publishing, RelayConfig.builder().batchSize(200)
            .leaseDuration(Duration.ofSeconds(2)).confirmTimeout(Duration.ofMillis(1500))
            .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build());
        relays.add(relay);
        relay.start();
      }
      Outbox outbox = new Outbox(storage);

      for (int from = 0; from < EVENTS; from += 500) {
        List<OutgoingMessage> chunk = new ArrayList<>();
        for (int i = from; i < from + 500; i++) {
          chunk.add(PlacedEvents.placed(orders, "k" + (i % KEYS), i));
        }
        storage.inTransaction(tx -> {
          outbox.append(tx, chunk);
          return null;
        });
        if (from == 3_000) {
          RelayCrash.kill(relays.get(0));
        }
        if (from == 6_000) {
          Broker.closeConnectionsOf(rabbitmqctl, consuming, publishing);
        }
      }

      for (Map.Entry<String, AppliedEvents> service : effects.entrySet()) {
        assertThat(Recorder.await(Duration.ofSeconds(120), () -> service.getValue().count() >= EVENTS))
            .as("%s applied %d of %d", service.getKey(), service.getValue().count(), EVENTS).isTrue();
      }
      Recorder.quiet(Duration.ofMillis(500));
      for (AppliedEvents applied : effects.values()) {
        Map<String, List<Integer>> byKey = applied.seqsByKey();
        assertThat(byKey).hasSize(KEYS);
        byKey.forEach((key, seqs) -> assertThat(seqs).as("%s of %s; arrivals: %s", key, applied.table(),
            arrivals.get(applied.table()).stream().filter(a -> a.startsWith(key + ":")).toList()).isSorted()
            .doesNotHaveDuplicates().hasSize(EVENTS / KEYS));
      }
      assertThat(consuming.recoveries()).as("consumer reconnections").isPositive();
      assertThat(publishing.recoveries()).as("relay connection reconnections").isPositive();
    } finally {
      relays.forEach(Relay::close);
      consumers.forEach(InboxConsumer::close);
      Postgres.execute(postgres, "drop schema if exists " + schema + " cascade");
    }
  }
}

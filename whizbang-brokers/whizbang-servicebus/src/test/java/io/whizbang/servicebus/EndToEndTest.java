package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import io.whizbang.servicebus.testserver.TestServiceBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 5,000 events from a PostgreSQL outbox, published by the relay to a topic, applied by two inbox-guarded services;
 * one service's consumer is killed mid-run (the sessions it held come back, some messages already applied), the same
 * events are published again (dropped by duplicate detection) and copies with new message ids (as after the window)
 * are sent straight to the topic: each service must apply every event exactly once, in order per key. Runs on a
 * dedicated test server, and on a real namespace when one is given ({@link RealNamespace}).
 */
class EndToEndTest {

  private static final int EVENTS = 5_000;
  private static final int KEYS = 50;

  @Test
  void onTheTestServerEveryServiceAppliesEachEventExactlyOnceInOrderPerKey() throws Exception {
    // A server of its own: a long run on the shared server would be disturbed by whoever restarts it.
    try (TestServiceBus server = TestServiceBus.dedicated(false)) {
      run(ServiceBusConfig.builder().connectionString(server.connectionString())
          .namePrefix("e2e" + UUID.randomUUID().toString().substring(0, 8))
          .provisioner(new TestServerProvisioner(server)), server.connectionString());
    }
  }

  @Test
  void onARealNamespaceEveryServiceAppliesEachEventExactlyOnceInOrderPerKey() throws Exception {
    RealNamespace namespace = RealNamespace.require("wbe2e");
    try {
      run(namespace.config(), RealNamespace.CONNECTION_STRING);
    } finally {
      namespace.deleteEntities();
    }
  }

  private void run(ServiceBusConfig.Builder config, String connectionString) throws Exception {
    ServiceBusTransport transport = ServiceBusTransport.connect(
        config.sessionIdleTimeout(Duration.ofMillis(100)).build());
    Source source = new Source(Destination.events("orders"), Set.of(AppliedEvents.WIRE_NAME));
    Map<String, InboxConsumer> consumers = new LinkedHashMap<>();
    try (StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
        Relay relay = new Relay(db.storage(), transport, RelayConfig.builder().batchSize(200)
            .leaseDuration(Duration.ofSeconds(30)).confirmTimeout(Duration.ofSeconds(20))
            .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build())) {
      Map<String, AppliedEvents> applied = new LinkedHashMap<>();
      Map<String, Subscription> subscriptions = new LinkedHashMap<>();
      for (String service : List.of("billing", "shipping")) {
        AppliedEvents table = AppliedEvents.create(db, service);
        applied.put(service, table);
        InboxConsumer consumer = InboxConsumer.builder(db.storage(), service)
            .dispatchers(List.of(table.recorder())).build();
        consumers.put(service, consumer);
        subscriptions.put(service, consumer.subscribe(transport, List.of(source), 4));
      }
      relay.start();
      Outbox outbox = new Outbox(db.storage());
      List<OutgoingMessage> all = new ArrayList<>(EVENTS);
      long started = System.nanoTime();

      for (int from = 0; from < EVENTS; from += 500) {
        List<OutgoingMessage> chunk = new ArrayList<>();
        for (int i = from; i < from + 500; i++) {
          chunk.add(AppliedEvents.placed("orders", "k" + (i % KEYS), i / KEYS));
        }
        all.addAll(chunk);
        db.storage().inTransaction(tx -> {
          outbox.append(tx, chunk);
          return null;
        });
        if (from == 2_000) {
          Await.until(Duration.ofSeconds(60), "billing applying", () -> applied.get("billing").count() >= 1_000);
          ((ServiceBusSubscription) subscriptions.get("billing")).kill();
          subscriptions.put("billing", consumers.get("billing").subscribe(transport, List.of(source), 4));
        }
      }
      for (AppliedEvents table : applied.values()) {
        Await.until(Duration.ofSeconds(300), () -> table.table + " applied " + table.count() + " of " + EVENTS,
            () -> table.count() >= EVENTS);
        System.out.printf("E2E: %s applied all %d events %d ms after the first append; %s%n", table.table, EVENTS,
            (System.nanoTime() - started) / 1_000_000, transport.stats());
      }
      // The same events again: duplicate detection drops them (the inbox would recognise them otherwise).
      List<OutgoingMessage> again = all.subList(4_000, 4_100);
      CompletableFuture.allOf(transport.publish(again).toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      // Copies with new message ids, as after the duplicate-detection window: only the inbox can recognise them.
      sendCopies(connectionString, transport.entityOf(Destination.events("orders")), all.subList(100, 200));

      for (String service : consumers.keySet()) {
        Await.until(Duration.ofSeconds(30), service + " recognising the copies",
            () -> consumers.get(service).stats().duplicates() >= 100);
      }
      Thread.sleep(1_000); // a duplicate the inbox let through would show up now
      for (AppliedEvents table : applied.values()) {
        Map<String, List<Integer>> byKey = table.seqsByKey();
        assertThat(byKey).hasSize(KEYS);
        byKey.forEach((key, seqs) -> assertThat(seqs).as("%s of %s", key, table.table).isSorted()
            .doesNotHaveDuplicates().hasSize(EVENTS / KEYS));
      }
      assertThat(transport.stats().detail("sessionsAccepted")).isPositive();
      subscriptions.values().forEach(Subscription::close); // before the database goes away
      consumers.values().forEach(InboxConsumer::close);
      for (AppliedEvents table : applied.values()) {
        db.execute("drop table " + table.table);
      }
    } finally {
      consumers.values().forEach(InboxConsumer::close);
      transport.close();
    }
  }

  /** The envelopes of {@code messages} sent again straight to the topic, each under a new message id. */
  private static void sendCopies(String connectionString, String topic, List<OutgoingMessage> messages) {
    try (ServiceBusSenderClient sender = new ServiceBusClientBuilder().connectionString(connectionString)
        .sender().topicName(topic).buildClient()) {
      List<ServiceBusMessage> copies = new ArrayList<>();
      for (OutgoingMessage m : messages) {
        copies.add(WireMessage.of(m).setMessageId(UUID.randomUUID().toString()));
      }
      sender.sendMessages(copies);
    }
  }
}

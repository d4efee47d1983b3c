package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.routing.MessageRouter;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.AppliedEvents;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The broker stopped and started again while the outbox keeps filling: the relay's sends fail while it is down and
 * the rows stay in the outbox; after the restart it publishes them, and the subscriber applies every event exactly
 * once, in order per key. Stops the shared broker, so it runs only with CI=true or
 * WHIZBANG_KAFKA_DISRUPTIVE_TESTS=true (see {@link ScriptedBroker}), never alongside another test, and leaves the
 * broker running and healthy.
 */
@Isolated("stops the broker every other Kafka test uses")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaBrokerRestartTest {

  private static final int KEYS = 30;
  private static final int PER_KEY = 100;
  private static final int EVENTS = KEYS * PER_KEY;
  private static final int PARTITIONS = 3;
  private static final Duration FLOW = Duration.ofSeconds(120);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  @AfterEach
  void closeEverything() {
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (Exception e) {
        System.err.println("closing after the test failed: " + e);
      }
    }
  }

  @Test
  void theRelayResumesAfterABrokerRestartAndEveryEventArrivesExactlyOnceInOrder() throws Throwable {
    ScriptedBroker broker = ScriptedBroker.require();
    StorageFixture ordersDb = opened(StorageFixture.create(TestDb.POSTGRES));
    StorageFixture ledgerDb = opened(StorageFixture.create(TestDb.POSTGRES));
    AppliedEvents ledger = AppliedEvents.create(ledgerDb.dataSource(), ledgerDb.storage().tables().table("applied"));
    ConsumerGroups groups = opened(new ConsumerGroups());
    String subscriber = "ledger-" + run;
    InboxService ledgerService = opened(InboxService.start(Whizbang.builder().service(subscriber)
        .module(new OrdersFixtureModule())
        .handlers(HandlerSet.of(List.of(ledger.recorder("applies-placed", Set.of("orders.OrderPlaced"),
            AppliedEvents.ORDER_PLACED))))
        .transport(transport()), ledgerDb.storage()));
    // While the broker is down the producer has no metadata and a send blocks up to max.block.ms before it fails:
    // below the relay's confirm timeout, the relay notices the outage within one round.
    KafkaTransport publishing =
        opened(KafkaTransport.connect(config().producerProperty("max.block.ms", "1500").build()));
    // Attempts are not capped here: the outage lasts as long as the restart takes, and no row may be parked.
    Relay relay = opened(new Relay(ordersDb.storage(), publishing, RelayConfig.builder()
        .relayId("relay-" + run).batchSize(200).maxAttempts(1000)
        .leaseDuration(Duration.ofSeconds(5)).confirmTimeout(Duration.ofSeconds(2))
        .backoff(Duration.ofMillis(50), Duration.ofSeconds(1)).build()));
    relay.start();
    Outbox outbox = new Outbox(ordersDb.storage());
    EnvelopeFactory envelopes = new EnvelopeFactory(MessageRouter.of(List.of(new OrdersFixtureModule())),
        "orders-" + run, Set.of("orders"), Clock.systemUTC());

    append(outbox, ordersDb, envelopes, 0, PER_KEY / 3);
    Received.await(() -> ledger.count() >= EVENTS / 6, "events flowing before the restart");
    AtomicLong retriedWhileDown = new AtomicLong();
    broker.outage(() -> {
      long before = relay.retriedCount();
      append(outbox, ordersDb, envelopes, PER_KEY / 3, 2 * PER_KEY / 3);
      Received.await(() -> relay.retriedCount() > before, "the relay to fail while the broker is down");
      retriedWhileDown.set(relay.retriedCount() - before);
    });
    append(outbox, ordersDb, envelopes, 2 * PER_KEY / 3, PER_KEY);

    String events = publishing.topicOf(Destination.events("orders"));
    Received.await(FLOW, () -> ledger.count() >= EVENTS,
        () -> "every event applied; " + ledger.count() + " of " + EVENTS);
    Received.await(FLOW, () -> ordersDb.count("select count(*) from " + ordersDb.storage().tables().outbox()
            + " where published_at_ms is null") == 0 && groups.lag(subscriber, events, PARTITIONS) == 0,
        () -> "the outbox to be published and the subscriber to commit every message");

    List<Integer> everySeq = IntStream.range(0, PER_KEY).boxed().toList();
    Map<String, List<Integer>> byKey = ledger.seqsByKey();
    assertThat(byKey).hasSize(KEYS);
    byKey.forEach((key, seqs) -> assertThat(seqs).as(key).isEqualTo(everySeq));
    assertThat(retriedWhileDown.get()).as("publications that failed while the broker was down").isPositive();
    assertThat(relay.parkedCount()).isZero();
    assertThat(ledgerService.deadLettered()).isZero();
  }

  /** Events {@code from} to {@code to} (exclusive) of every key, written to the outbox one transaction per round. */
  private static void append(Outbox outbox, StorageFixture db, EnvelopeFactory envelopes, int from, int to) {
    for (int seq = from; seq < to; seq++) {
      List<OutgoingMessage> round = new ArrayList<>(KEYS);
      for (int k = 0; k < KEYS; k++) {
        round.add(envelopes.event(new OrderPlaced("o-" + k, "customer-" + k, seq), null).toOutgoingMessage());
      }
      db.storage().inTransaction(tx -> {
        outbox.append(tx, round);
        return null;
      });
    }
  }

  private KafkaTransport transport() {
    return opened(KafkaTransport.connect(config().build()));
  }

  private KafkaConfig.Builder config() {
    return KafkaBroker.config().partitions(PARTITIONS).topicNaming(d -> "restart-" + run + "." + d.conventionalName());
  }

  private <T extends AutoCloseable> T opened(T closeable) {
    open.push(closeable);
    return closeable;
  }
}

package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.relay.RelayCrash;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.AppliedEvents;
import io.whizbang.runtime.testfixtures.FixtureCodecs;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.transport.Destination;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole path on the real broker and PostgreSQL, built from the runtime's own pieces: a client sends 10,000
 * commands; the owning service handles each in an inbox transaction that also writes the resulting event to its
 * outbox; two relays publish the outbox to Kafka; two subscribing services apply every event in their own inbox
 * transactions. Mid-run one relay is killed (the other takes its partitions over once the leases expire) and one of
 * billing's two instances crashes between its database commit and its offset commit (the other instance gets those
 * messages again). Each subscriber must still apply every event exactly once, in order per key.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KafkaEndToEndTest {

  private static final int ORDERS = 100;
  private static final int PER_ORDER = 100;
  private static final int EVENTS = ORDERS * PER_ORDER;
  private static final int PARTITIONS = 4;
  private static final String ORDER_PLACED = "orders.OrderPlaced";
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
  void everySubscriberAppliesEachEventExactlyOnceInOrderPerKeyThroughARelayKillAndAConsumerCrash() throws Exception {
    KafkaBroker.require();
    StorageFixture ordersDb = opened(StorageFixture.create(TestDb.POSTGRES));
    StorageFixture billingDb = opened(StorageFixture.create(TestDb.POSTGRES));
    StorageFixture shippingDb = opened(StorageFixture.create(TestDb.POSTGRES));
    AppliedEvents billing = AppliedEvents.create(billingDb.dataSource(), StorageInternals.tables(billingDb.storage()).table("applied"));
    AppliedEvents shipping =
        AppliedEvents.create(shippingDb.dataSource(), StorageInternals.tables(shippingDb.storage()).table("applied"));
    ConsumerGroups groups = opened(new ConsumerGroups());

    opened(InboxService.start(Whizbang.builder().service("orders-" + run).owns("orders")
        .module(new OrdersFixtureModule())
        .handlers(HandlerSet.of(List.of(new PlacesOrders())))
        .transport(transport(UnaryOperator.identity())), ordersDb.storage()));
    Relay relayA = relay(ordersDb, "a");
    Relay relayB = relay(ordersDb, "b");
    Instance billing1 = subscriber("billing-" + run, billingDb, billing, UnaryOperator.identity());
    // Closing a crashed instance waits closeTimeout for its stuck worker; a short one keeps the test short.
    Instance billing2 = subscriber("billing-" + run, billingDb, billing, b -> b.closeTimeout(Duration.ofSeconds(1)));
    subscriber("shipping-" + run, shippingDb, shipping, UnaryOperator.identity());
    KafkaTransport clientKafka = transport(UnaryOperator.identity());
    Whizbang client = opened(Whizbang.builder().service("client-" + run).module(new OrdersFixtureModule())
        .transport(clientKafka).build().start());

    // The first half of every order's commands now, the second half once billing's second instance has crashed: it
    // then surely gets batches after its crash (every order's key, on every partition, has events still to come),
    // however quickly the first half flowed.
    sendCommands(client, 0, PER_ORDER / 2);

    Received.await(() -> relayA.stats().published() > 0 && relayA.stats().published() + relayB.stats().published()
        >= EVENTS / 5, "both relays publishing, a fifth of the events published");
    assertThat(relayA.stats().leasedPartitions()).as("the relay about to be killed holds partitions").isNotEmpty();
    RelayCrash.kill(relayA);

    Received.await(() -> billing.count() >= EVENTS * 2 / 5 && !billing2.handler().delivered().isEmpty(),
        "two fifths of the events at billing, some through its second instance");
    billing2.handler().crash();
    sendCommands(client, PER_ORDER / 2, PER_ORDER);
    Received.await(() -> !billing2.handler().lostAcknowledgements().isEmpty(), "billing's second instance crashed");
    billing2.service().close();
    Set<UUID> lost = billing2.handler().lostAcknowledgements();

    String events = clientKafka.topicOf(Destination.events("orders"));
    Received.await(FLOW, () -> billing.count() >= EVENTS && shipping.count() >= EVENTS,
        () -> "every event applied; billing " + billing.count() + ", shipping " + shipping.count() + " of " + EVENTS);
    // Settled: the outbox is published and both groups committed to the end, so no copy is still on its way.
    Received.await(FLOW, () -> ordersDb.count("select count(*) from " + StorageInternals.tables(ordersDb.storage()).outbox()
            + " where published_at_ms is null") == 0
            && groups.lag("billing-" + run, events, PARTITIONS) == 0
            && groups.lag("shipping-" + run, events, PARTITIONS) == 0,
        () -> "the flow to settle");

    List<Integer> everySeq = IntStream.range(0, PER_ORDER).boxed().toList();
    for (AppliedEvents applied : List.of(billing, shipping)) {
      Map<String, List<Integer>> byOrder = applied.seqsByKey();
      assertThat(byOrder).as(applied.table()).hasSize(ORDERS);
      byOrder.forEach((order, seqs) -> assertThat(seqs).as("%s of %s", order, applied.table()).isEqualTo(everySeq));
    }
    assertThat(lost).as("messages whose acknowledgement died with billing's second instance").isNotEmpty();
    assertThat(billing1.handler().delivered()).as("redelivered to billing's surviving instance").containsAll(lost);
    assertThat(billing1.service().duplicates()).as("recognised by the inbox, not applied again")
        .isGreaterThanOrEqualTo(lost.size());
    Received.await(() -> relayB.stats().leasedPartitions().size() == ordersDb.storage().outboxPartitions(),
        "the surviving relay to hold every outbox partition");
    assertThat(relayB.stats().published()).isPositive();
    assertThat(billing1.service().deadLettered() + billing2.service().deadLettered()).isZero();
  }

  /** The owning service's handler: places the order and announces it (the event goes to the outbox). */
  private static final class PlacesOrders implements MessageDispatcher {
    @Override
    public String handlerName() {
      return "places-orders";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of("orders.PlaceOrder");
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
      PlaceOrder place = FixtureCodecs.read(FixtureCodecs.PLACE_ORDER, envelope.payload());
      context.publish(new OrderPlaced(place.orderId(), place.customer(), place.seq()));
    }
  }

  /** One instance of a subscribing service and the handler in front of its inbox. */
  private record Instance(InboxService service, CrashableHandler handler) {}

  private Instance subscriber(String service, StorageFixture db, AppliedEvents applied,
      UnaryOperator<KafkaConfig.Builder> tuning) {
    AtomicReference<CrashableHandler> handler = new AtomicReference<>();
    InboxService instance = opened(InboxService.start(Whizbang.builder().service(service)
        .module(new OrdersFixtureModule())
        .handlers(HandlerSet.of(List.of(applied.recorder("applies-" + service, Set.of(ORDER_PLACED),
            AppliedEvents.ORDER_PLACED))))
        .transport(transport(tuning)), db.storage(), inbox -> {
          handler.set(new CrashableHandler(inbox));
          return handler.get();
        }));
    return new Instance(instance, handler.get());
  }

  /** A relay of its own process: its own broker connection, the owner's outbox. */
  /** Sends each order's commands of sequence numbers {@code from} to {@code to} (exclusive), in order per order. */
  private static void sendCommands(Whizbang client, int from, int to) throws Exception {
    List<CompletableFuture<Void>> sent = new ArrayList<>(ORDERS * (to - from));
    for (int seq = from; seq < to; seq++) {
      for (int order = 0; order < ORDERS; order++) {
        sent.add(client.send(new PlaceOrder("o-" + order, "customer-" + order, seq)));
      }
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  private Relay relay(StorageFixture db, String name) {
    Relay relay = new Relay(db.storage(), transport(UnaryOperator.identity()), RelayConfig.builder()
        .relayId("relay-" + name + "-" + run).batchSize(200)
        .leaseDuration(Duration.ofSeconds(2)).confirmTimeout(Duration.ofMillis(1500))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build());
    opened(relay);
    relay.start();
    return relay;
  }

  /** A broker connection of one process; every process of the run names topics the same, run-unique way. */
  private KafkaTransport transport(UnaryOperator<KafkaConfig.Builder> tuning) {
    return opened(KafkaTransport.connect(tuning.apply(KafkaBroker.config().partitions(PARTITIONS)
        .topicNaming(d -> "e2e-" + run + "." + d.conventionalName())).build()));
  }

  private <T extends AutoCloseable> T opened(T closeable) {
    open.push(closeable);
    return closeable;
  }
}

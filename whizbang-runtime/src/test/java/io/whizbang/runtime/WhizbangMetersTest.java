package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.MovableClock;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.testfixtures.SwitchableTransport;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service given a {@code MeterRegistry} on PostgreSQL: each counter moves by what the service did (commands
 * applied, a redelivered copy, a handler that keeps failing, rows published, refused and cleaned up), the outbox
 * gauges show the rows a broker outage holds and drop back once it is over, and closing the service removes its
 * meters. The gauges that query the database are read fresh here (no cache) so that no test waits out a TTL.
 */
class WhizbangMetersTest {
  private final InMemoryTransport memory = new InMemoryTransport();
  private final SwitchableTransport broker = new SwitchableTransport(memory);
  private final StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MovableClock clock = new MovableClock();
  private Whizbang orders;

  @AfterEach
  void closeAll() {
    if (orders != null) {
      orders.close();
    }
    memory.close();
    db.close();
  }

  @Test
  void inboxAndOutboxCountersMoveByWhatTheServiceDid() {
    OrderHandlers handlers = new OrderHandlers(new Journal()).failFirst("o-bad", 100);
    orders = start(handlers);
    EnvelopeFactory client = new EnvelopeFactory(orders.router(), "client", Set.of(), clock);

    // Three commands, each applied once and sending two messages through the outbox.
    OutgoingMessage first = client.command(new PlaceOrder("o-1", "ada", 1), null).toOutgoingMessage();
    send(first);
    send(client.command(new PlaceOrder("o-2", "ada", 2), null).toOutgoingMessage());
    send(client.command(new PlaceOrder("o-3", "ada", 3), null).toOutgoingMessage());
    Await.until(() -> inbox("applied") == 3 && counter("whizbang.outbox.published") == 6,
        "3 commands applied and 6 rows published");
    assertThat(registry.get("whizbang.inbox.handler.duration").tag("subscriber", "orders").timer().count())
        .isEqualTo(3);
    assertThat(latency("whizbang.orders.events").count()).isEqualTo(3);
    assertThat(latency("whizbang.shipping.commands").count()).isEqualTo(3);
    Await.until(() -> gauge("whizbang.outbox.pending") == 0, "nothing pending once published");

    // The broker delivers the first command again: a duplicate, not applied.
    send(first);
    Await.until(() -> inbox("duplicate") == 1, "the redelivered copy recognised");
    assertThat(inbox("applied")).isEqualTo(3);

    // A handler that keeps failing: one retry, then a dead letter (maxAttempts 2), each run timed.
    send(client.command(new PlaceOrder("o-bad", "eve", 4), null).toOutgoingMessage());
    Await.until(() -> inbox("dead_lettered") == 1, "the failing command dead-lettered");
    assertThat(inbox("retried")).isEqualTo(1);
    assertThat(inbox("applied")).isEqualTo(3);
    assertThat(registry.get("whizbang.inbox.handler.duration").tag("subscriber", "orders").timer().count())
        .isEqualTo(5);
    assertThat(registry.get("whizbang.inbox.dead.letters").tag("subscriber", "orders").gauge().value()).isEqualTo(1);
    assertThat(counter("whizbang.outbox.published")).isEqualTo(6);

    // Nothing is held once every message was settled (the last acknowledgement follows its count by a moment).
    Await.until(() -> consumerGauge("whizbang.consumer.in.flight") == 0
        && consumerGauge("whizbang.consumer.lanes.busy") == 0, "no message in flight, no lane busy");

    // Cleanup past the retention deletes every inbox row, and the counter moves by as many.
    double rows = registry.get("whizbang.inbox.rows").tag("subscriber", "orders").gauge().value();
    assertThat(rows).isEqualTo(db.count("select count(*) from "
        + StorageInternals.tables(db.storage()).table("inbox") + " where consumer_id = 'orders'")).isPositive();
    clock.advance(Duration.ofDays(8));
    long deleted = orders.inbox("orders").orElseThrow().deleteExpired();
    assertThat(deleted).isEqualTo((long) rows);
    assertThat(registry.get("whizbang.inbox.cleanup.deleted").tag("subscriber", "orders").functionCounter().count())
        .isEqualTo(rows);
    assertThat(registry.get("whizbang.inbox.rows").tag("subscriber", "orders").gauge().value()).isZero();
  }

  @Test
  void outboxGaugesShowTheRowsAnOutageHoldsAndDropOnceTheBrokerIsBack() throws Exception {
    orders = start(new OrderHandlers(new Journal()));

    broker.down = true;
    try (Connection c = db.connection()) {
      orders.publish(c, new OrderPlaced("o-1", "ada", 1));
      orders.publish(c, new OrderPlaced("o-2", "ada", 2));
    }
    Await.until(() -> counter("whizbang.outbox.failures", "cause", "unavailable") >= 2, "failed publishes");
    assertThat(gauge("whizbang.outbox.pending")).isEqualTo(2);
    TimeGauge oldest = registry.get("whizbang.outbox.oldest.pending.age").timeGauge();
    assertThat(oldest.value(TimeUnit.MILLISECONDS)).isNotNaN().isGreaterThanOrEqualTo(0);
    assertThat(counter("whizbang.outbox.published")).isZero();

    broker.down = false;
    Await.until(() -> gauge("whizbang.outbox.pending") == 0, "the held rows published");
    assertThat(counter("whizbang.outbox.published")).isEqualTo(2);
    assertThat(oldest.value(TimeUnit.MILLISECONDS)).isZero();
    assertThat(latency("whizbang.orders.events").count()).isEqualTo(2);
    assertThat(counter("whizbang.outbox.failures", "cause", "poison")).isZero();

    // A message the broker refuses for good: counted as poison and parked in the outbox's dead letters.
    broker.refusing = true;
    try (Connection c = db.connection()) {
      orders.publish(c, new OrderPlaced("o-3", "ada", 3));
    }
    Await.until(() -> counter("whizbang.outbox.failures", "cause", "poison") == 1, "the refused row parked");
    assertThat(gauge("whizbang.outbox.dead.letters")).isEqualTo(1);
    assertThat(gauge("whizbang.outbox.pending")).isZero();
  }

  @Test
  void relaysTheCallerRunsCountInTheServiceMetersAReplacedOneIncluded() throws Exception {
    orders = Whizbang.builder()
        .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .service("orders")
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(new Journal())))))
        .transport(broker)
        .storage(db.storage(), s -> s.withoutRelay())
        .meterRegistry(registry)
        .meterReadingTtl(Duration.ZERO)
        .build()
        .start();
    RelayConfig.Builder config = RelayConfig.builder().publishInterval(Duration.ofMillis(20))
        .leaseDuration(Duration.ofSeconds(1)).confirmTimeout(Duration.ofMillis(500));

    Relay first = orders.newRelay(config.relayId("orders-1").build());
    first.start();
    try (Connection c = db.connection()) {
      orders.publish(c, new OrderPlaced("o-1", "ada", 1));
      orders.publish(c, new OrderPlaced("o-2", "ada", 2));
    }
    Await.until(() -> counter("whizbang.outbox.published") == 2, "two rows published by the first relay");
    first.close();

    Relay second = orders.newRelay(config.relayId("orders-2").build());
    second.start();
    try (Connection c = db.connection()) {
      orders.publish(c, new OrderPlaced("o-3", "ada", 3));
    }
    Await.until(() -> counter("whizbang.outbox.published") == 3, "the replaced relay's rows still counted");
    assertThat(second.stats().published()).isEqualTo(1);
    assertThat(latency("whizbang.orders.events").count()).isEqualTo(3);
    second.close();
  }

  @Test
  void aServiceWithoutStorageHasNoRelayToMake() {
    orders = Whizbang.builder().module(new OrdersFixtureModule()).service("orders").transport(memory).build();

    assertThatThrownBy(() -> orders.newRelay(RelayConfig.builder().build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Service 'orders' has no storage, so no outbox to relay: build it with storage(...)");
  }

  @Test
  void closingTheServiceRemovesItsMeters() {
    orders = start(new OrderHandlers(new Journal()));
    assertThat(whizbangMeters()).extracting(m -> m.getId().getName())
        .contains("whizbang.outbox.pending", "whizbang.outbox.published", "whizbang.inbox.messages",
            "whizbang.consumer.in.flight", "whizbang.consumer.lag");
    assertThat(whizbangMeters()).allSatisfy(m -> assertThat(m.getId().getTag("service")).isEqualTo("orders"));

    orders.close();
    assertThat(whizbangMeters()).isEmpty();
  }

  private Whizbang start(OrderHandlers handlers) {
    InboxConfig.RetryPolicy twoAttempts = InboxConfig.RetryPolicy.builder().maxAttempts(2)
        .initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(10)).build();
    return Whizbang.builder()
        .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .service("orders")
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(handlers))))
        .transport(broker)
        .storage(db.storage(), s -> s.relay(RelayConfig.builder().publishInterval(Duration.ofMillis(20))
                .leaseDuration(Duration.ofSeconds(1)).confirmTimeout(Duration.ofMillis(500)).build())
            .inbox(i -> i.maxBatch(1).retryPolicy(twoAttempts)))
        .clock(clock)
        .meterRegistry(registry)
        .meterReadingTtl(Duration.ZERO)
        .build()
        .start();
  }

  private void send(OutgoingMessage message) {
    memory.publish(List.of(message)).get(0).join();
  }

  private double inbox(String outcome) {
    return registry.get("whizbang.inbox.messages").tags("subscriber", "orders", "outcome", outcome)
        .functionCounter().count();
  }

  private double counter(String name, String... tags) {
    FunctionCounter c = registry.get(name).tags(tags).functionCounter();
    return c.count();
  }

  private double gauge(String name) {
    Gauge g = registry.get(name).gauge();
    return g.value();
  }

  private double consumerGauge(String name) {
    return registry.get(name).tags("subscriber", "orders", "transport", broker.name()).gauge().value();
  }

  private Timer latency(String destination) {
    return registry.get("whizbang.outbox.publish.latency").tag("destination", destination).timer();
  }

  private List<Meter> whizbangMeters() {
    return registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("whizbang.")).toList();
  }
}

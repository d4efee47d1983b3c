package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.FixtureCodecs;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Send options end to end on the in-memory broker: scheduled commands due by the database's clock, scheduled and
 * cancelled from a handler in its transaction, and expired messages skipped before any handler runs.
 */
class WhizbangMessageOptionsTest {
  private static final RelayConfig RELAY = RelayConfig.builder().publishInterval(Duration.ofMillis(100))
      .leaseDuration(Duration.ofSeconds(1)).confirmTimeout(Duration.ofMillis(500)).build();

  private final InMemoryTransport transport = new InMemoryTransport();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    transport.close();
  }

  /** Shipping's handler: records each order, schedules a late one for "schedule:x" and cancels it on "cancel:x". */
  static final class Shipper implements MessageDispatcher {
    final Queue<String> handled = new ConcurrentLinkedQueue<>();
    final Map<String, Instant> handledAt = new ConcurrentHashMap<>();
    final Map<String, ScheduledMessage> scheduled = new ConcurrentHashMap<>();
    final Queue<Boolean> cancelled = new ConcurrentLinkedQueue<>();

    @Override
    public String handlerName() {
      return "shipper";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of("shipping.ShipOrder");
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
      String id = FixtureCodecs.read(FixtureCodecs.SHIP_ORDER, envelope.payload()).orderId();
      handledAt.put(id, Instant.now());
      if (id.startsWith("schedule:")) {
        String name = id.substring("schedule:".length());
        scheduled.put(name, context.send(new ShipOrder("late:" + name),
            SendOptions.defaults().deliverAfter(Duration.ofMillis(600))));
      } else if (id.startsWith("urgent:")) {
        scheduled.put(id, context.send(new ShipOrder("sent:" + id), SendOptions.defaults().priority(9)));
      } else if (id.startsWith("cancel:")) {
        cancelled.add(context.cancel(scheduled.get(id.substring("cancel:".length()))));
      }
      handled.add(id);
    }
  }

  private Whizbang orders(StorageFixture db, Clock clock) {
    WhizbangBuilder b = Whizbang.builder().module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .service("orders").clock(clock).transport(transport)
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(new Journal())))));
    return started(db == null ? b : b.storage(db.storage(), s -> s.relay(RELAY)));
  }

  private Whizbang shipping(StorageFixture db, Shipper shipper) {
    return shipping(db, shipper, InboxConfig.ExpiredMessagePolicy.SKIP);
  }

  private Whizbang shipping(StorageFixture db, Shipper shipper, InboxConfig.ExpiredMessagePolicy expired) {
    WhizbangBuilder b = Whizbang.builder().module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .service("shipping").transport(transport).handlers(HandlerSet.of(List.of(shipper)));
    return started(db == null ? b
        : b.storage(db.storage(), s -> s.relay(RELAY).inbox(i -> i.expiredMessages(expired))));
  }

  private Whizbang started(WhizbangBuilder builder) {
    Whizbang service = builder.build().start();
    closing.add(service);
    return service;
  }

  private StorageFixture db(TestDb which) {
    StorageFixture fixture = StorageFixture.create(which);
    closing.add(fixture);
    return fixture;
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aScheduledCommandIsDueByTheDatabaseClockWhenTheServiceClockIsDaysAhead(TestDb which) {
    Shipper shipper = new Shipper();
    shipping(db(which), shipper);
    Whizbang orders = orders(db(which), Clock.offset(Clock.systemUTC(), Duration.ofDays(3)));

    Instant before = Instant.now();
    ScheduledMessage handle = orders.send(new ShipOrder("in-a-second"),
        SendOptions.defaults().deliverAfter(Duration.ofSeconds(1))).join();
    Instant after = Instant.now();

    // The database's clock (on this machine, the same as ours) fixes the due time, not the service's.
    assertThat(handle.dueAt()).isBetween(before.plusMillis(900), after.plusMillis(1100));
    Await.until(() -> shipper.handled.contains("in-a-second"), "the scheduled command handled");
    assertThat(shipper.handledAt.get("in-a-second")).isAfterOrEqualTo(handle.dueAt());
    assertThat(orders.cancel(handle)).as("cancel after it was published").isFalse();
  }

  @Test
  void aHandlerSchedulesAndCancelsInItsTransaction() throws Exception {
    Shipper shipper = new Shipper();
    shipping(db(TestDb.H2), shipper);
    Whizbang orders = orders(db(TestDb.H2), Clock.systemUTC());

    orders.send(new ShipOrder("schedule:kept")).join();
    orders.send(new ShipOrder("schedule:dropped")).join();
    Await.until(() -> shipper.scheduled.size() == 2, "both scheduled");
    orders.send(new ShipOrder("cancel:dropped")).join();
    orders.send(new ShipOrder("urgent:now")).join();              // options without a delivery time: sent at once
    Await.until(() -> shipper.handled.contains("late:kept"), "the kept one delivered when due");
    Thread.sleep(800);                               // past the dropped one's due time and a relay poll

    assertThat(shipper.cancelled).containsExactly(true);
    assertThat(shipper.handled).doesNotContain("late:dropped").contains("sent:urgent:now");
    assertThat(orders.cancel(shipper.scheduled.get("urgent:now"))).as("nothing to cancel: it was not scheduled")
        .isFalse();
    assertThat(shipper.handledAt.get("late:kept")).isAfterOrEqualTo(shipper.scheduled.get("kept").dueAt());
  }

  @Test
  void anExpiredMessageIsCountedAndSkippedBeforeAnyHandlerRuns() {
    Shipper shipper = new Shipper();
    Whizbang shipping = shipping(db(TestDb.H2), shipper);
    // A sender whose clock is an hour behind: a one-minute time to live has passed when the message arrives.
    Whizbang orders = orders(db(TestDb.H2), Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));

    ScheduledMessage stale = orders.send(new ShipOrder("stale"),
        SendOptions.defaults().timeToLive(Duration.ofMinutes(1))).join();
    orders.send(new ShipOrder("fresh"), SendOptions.defaults().timeToLive(Duration.ofHours(2))).join();

    Await.until(() -> shipper.handled.contains("fresh"), "the fresh one handled");
    Await.until(() -> shipping.inbox("shipping").orElseThrow().stats().expired() == 1, "the stale one counted");
    assertThat(shipper.handled).containsExactly("fresh");
    assertThat(stale.messageId()).isNotNull();
  }

  @Test
  void anExpiredMessageIsParkedWhenTheInboxIsToldSo() {
    Shipper shipper = new Shipper();
    Whizbang shipping = shipping(db(TestDb.H2), shipper, InboxConfig.ExpiredMessagePolicy.DEAD_LETTER);
    Whizbang orders = orders(db(TestDb.H2), Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));

    orders.send(new ShipOrder("stale"), SendOptions.defaults().timeToLive(Duration.ofMinutes(1))).join();
    orders.send(new ShipOrder("fresh")).join();

    Await.until(() -> shipper.handled.contains("fresh"), "the fresh one handled");
    DeadLetters letters = shipping.inbox("shipping").orElseThrow().deadLetters();
    Await.until(() -> letters.count() == 1, "the stale one parked");
    assertThat(letters.list(0, 10).get(0).reason()).contains("expired at", "time to live");
    assertThat(shipper.handled).containsExactly("fresh");
    assertThat(shipping.inbox("shipping").orElseThrow().stats().expired()).as("parked, not counted as skipped")
        .isZero();
  }

  @Test
  void aConsumerWithoutStorageSkipsAnExpiredMessageToo() {
    Shipper shipper = new Shipper();
    shipping(null, shipper);
    Whizbang orders = orders(null, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));

    orders.send(new ShipOrder("stale"), SendOptions.defaults().timeToLive(Duration.ofMinutes(1))).join();
    orders.send(new ShipOrder("fresh"), SendOptions.defaults().timeToLive(Duration.ofHours(2))).join();

    Await.until(() -> shipper.handled.contains("fresh"), "the fresh one handled");
    assertThat(shipper.handled).containsExactly("fresh");
  }

  @Test
  void schedulingWithoutStorageIsRefusedNamingWhatIsMissing() {
    Whizbang orders = orders(null, Clock.systemUTC());

    assertThatThrownBy(() -> orders.send(new ShipOrder("later"),
        SendOptions.defaults().deliverAfter(Duration.ofMinutes(5))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no storage").hasMessageContaining(".storage(");
  }

  @Test
  void badOptionsAreRefusedNamingTheAcceptedValues() {
    assertThatThrownBy(() -> SendOptions.defaults().priority(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..9");
    assertThatThrownBy(() -> SendOptions.defaults().timeToLive(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> SendOptions.defaults().deliverAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }
}

package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.inbox.Inbox;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.outgoing.DirectPublisher;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingHandlers;
import io.whizbang.runtime.testfixtures.ShippingHandlersFixtureDispatcher;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service built with {@code storage(...)}: inbox-guarded consumers, outbox publishing and its own relay (H2). */
class WhizbangStorageModeTest {

  private static final RelayConfig FAST_RELAY = fastRelay().build();

  private final InMemoryTransport transport = new InMemoryTransport();
  private final Journal journal = new Journal();
  private final List<Whizbang> services = new ArrayList<>();

  @AfterEach
  void closeAll() {
    services.forEach(Whizbang::close);
    transport.close();
  }

  @Test
  void commandsAndTheirConsequencesGoThroughOutboxRelayAndInboxOnEachSide() throws Exception {
    SqlStorage ordersDb = h2();
    SqlStorage shippingDb = h2();
    Whizbang orders = started(ordersBuilder(ordersDb, s -> s.relay(FAST_RELAY)));
    Whizbang shipping = started(Whizbang.builder()
        .module(new ShippingFixtureModule()).module(new OrdersFixtureModule())
        .service("shipping")
        .handlers(HandlerSet.of(List.of(new ShippingHandlersFixtureDispatcher(new ShippingHandlers(journal)))))
        .transport(transport)
        .storage(shippingDb, s -> s.relay(FAST_RELAY)));

    shipping.send(new PlaceOrder("o-1", "ada", 0)).join();           // stored in shipping's outbox, then relayed

    Await.until(() -> journal.count(c -> c.message() instanceof ShipOrder) == 1
        && journal.count(c -> c.message() instanceof OrderPlaced) == 1, "PlaceOrder -> OrderPlaced + ShipOrder");
    // orders: OrderPlaced and ShipOrder; shipping: its PlaceOrder, then OrderShipped from its ShipOrder handler.
    Await.until(() -> unpublished(ordersDb) == 0 && unpublished(shippingDb) == 0
        && orders.relay().orElseThrow().stats().published() == 2
        && shipping.relay().orElseThrow().stats().published() == 2, "both outboxes relayed");
    assertThat(journal.calls(OrderHandlers.NAME)).hasSize(1);
    assertThat(orders.inbox("orders")).get().extracting(c -> c.stats().handled()).isEqualTo(1L);
    assertThat(shipping.inbox("shipping")).get().extracting(c -> c.stats().handled()).isEqualTo(2L);
    assertThat(journal.calls(ShippingHandlers.NAME)).extracting(Journal.Call::message)
        .containsExactlyInAnyOrder(new OrderPlaced("o-1", "ada", 0), new ShipOrder("o-1"));
    assertThat(rows(shippingDb, "inbox")).isEqualTo(2);
  }

  @Test
  void aMessageDeliveredTwiceIsHandledOnce() {
    SqlStorage db = h2();
    Whizbang orders = started(ordersBuilder(db, s -> s.relay(FAST_RELAY)));
    Whizbang client = started(Whizbang.builder().service("client").module(new OrdersFixtureModule())
        .transport(transport));

    var place = new io.whizbang.runtime.outgoing.EnvelopeFactory(orders.router(), "client", java.util.Set.of(),
        java.time.Clock.systemUTC()).command(new PlaceOrder("o-2", "bob", 0), null);
    new DirectPublisher(transport).publish(List.of(place, place)).join();

    Inbox inbox = orders.inbox("orders").orElseThrow();
    Await.until(() -> inbox.stats().handled() + inbox.stats().duplicates() == 2, "both copies");
    assertThat(inbox.stats().duplicates()).isEqualTo(1);
    assertThat(journal.calls(OrderHandlers.NAME)).hasSize(1);
    assertThat(client.inbox("client")).isEmpty();
  }

  @Test
  void inboxSettingsApplyToEverySubscriptionAndDeadLettersAreReachable() {
    SqlStorage db = h2();
    Whizbang orders = started(ordersBuilder(db, new OrderHandlers(journal).failFirst("o-3", 100),
        s -> s.relay(fastRelay().publishedRetention(Duration.ofHours(1)).build())
            .inbox(inbox -> inbox.retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(2)
                .initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(10)).build()))));

    orders.send(new PlaceOrder("o-3", "eve", 0)).join();

    Inbox inbox = orders.inbox("orders").orElseThrow();
    Await.until(() -> inbox.deadLetters().count() == 1, "the failing command parked after 2 attempts");
    assertThat(inbox.deadLetters().list(0, 10)).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(2);
      assertThat(d.reason()).contains("simulated failure placing o-3");
    });
    assertThat(rows(db, "outbox")).as("the failed attempts' messages were rolled back").isEqualTo(1);
  }

  @Test
  void withoutRelayTheOutboxKeepsTheRowsForAnotherProcess() {
    SqlStorage db = h2();
    Whizbang orders = started(ordersBuilder(db, s -> s.withoutRelay()));

    orders.send(new PlaceOrder("o-4", "kim", 0)).join();

    assertThat(orders.relay()).isEmpty();
    assertThat(unpublished(db)).isEqualTo(1);
    assertThat(orders.storage()).contains(db);
  }

  @Test
  void anEventPublishedInTheCallersTransactionIsRelayedOnlyIfItCommits() throws Exception {
    SqlStorage db = h2();
    Whizbang orders = started(ordersBuilder(db, s -> s.relay(fastRelay().publishedRetention(Duration.ofHours(1)).build())));
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      orders.publish(c, new OrderPlaced("o-5", "rolled-back", 0));
      c.rollback();
      orders.publish(c, new OrderPlaced("o-6", "committed", 0));
      orders.send(c, new ShipOrder("o-6"));
      c.commit();
    }

    Await.until(() -> orders.relay().orElseThrow().stats().published() == 2, "the committed two relayed");
    assertThat(rows(db, "outbox")).isEqualTo(2);
    assertThat(unpublished(db)).isZero();
  }

  @Test
  void publishingInATransactionNeedsStorage() throws Exception {
    Whizbang orders = started(ordersBuilder(null));
    try (Connection c = h2().dataSource().getConnection()) {
      assertThatThrownBy(() -> orders.publish(c, new OrderPlaced("o-7", "x", 0)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Cannot publish in a database transaction: Whizbang service 'orders' has no storage; build it"
              + " with .storage(SqlStorage.builder(dataSource).build())");
    }
  }

  @Test
  void storageAgainstOtherConsumerOrPublisherWiringIsRefused() {
    // The storage settings (relay, inbox, cleanup) exist only inside storage(storage, options): no test can set
    // them without storage. The runtime's own seams (consumers, publisher) still meet storage here.
    assertThatThrownBy(() -> ordersBuilder(h2()).consumers(spec -> batch -> { }).build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("storage(...) consumes every subscription through the inbox");
    assertThatThrownBy(() -> ordersBuilder(h2()).publisher(DirectPublisher::new).build())
        .isInstanceOf(WhizbangConfigurationException.class)
        .hasMessageContaining("storage(...) publishes through the transactional outbox");
  }

  @Test
  void aBadInboxSettingFailsAtBuildWithTheInboxMessage() {
    WhizbangBuilder builder = ordersBuilder(h2(), s -> s.withoutRelay()
        .inbox(inbox -> inbox.cleanupRetention(Duration.ofSeconds(1))));
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cleanupRetention (PT1S) is shorter than the retry horizon");
  }

  private static RelayConfig.Builder fastRelay() {
    return RelayConfig.builder().publishInterval(Duration.ofMillis(20)).leaseDuration(Duration.ofSeconds(1))
        .confirmTimeout(Duration.ofMillis(500));
  }

  private WhizbangBuilder ordersBuilder(SqlStorage storage) {
    return ordersBuilder(storage, UnaryOperator.identity());
  }

  private WhizbangBuilder ordersBuilder(SqlStorage storage, UnaryOperator<WhizbangBuilder.StorageOptions> options) {
    return ordersBuilder(storage, new OrderHandlers(journal), options);
  }

  private WhizbangBuilder ordersBuilder(SqlStorage storage, OrderHandlers handlers,
      UnaryOperator<WhizbangBuilder.StorageOptions> options) {
    WhizbangBuilder b = Whizbang.builder()
        .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .service("orders")
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(handlers))))
        .transport(transport);
    return storage == null ? b : b.storage(storage, options);
  }

  private Whizbang started(WhizbangBuilder builder) {
    Whizbang w = builder.build();
    services.add(w);
    return w.start();
  }

  private static SqlStorage h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:s" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    return SqlStorage.builder(h2).build();
  }

  private static long unpublished(SqlStorage db) {
    return count(db, "select count(*) from " + StorageInternals.tables(db).outbox() + " where published_at_ms is null");
  }

  private static long rows(SqlStorage db, String table) {
    return count(db, "select count(*) from " + StorageInternals.tables(db).table(table));
  }

  private static long count(SqlStorage db, String sql) {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

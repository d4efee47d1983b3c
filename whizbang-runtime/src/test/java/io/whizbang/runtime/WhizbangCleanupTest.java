package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.MovableClock;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** A service built with {@code storage(...)} runs its inbox cleanup by itself, from start to close (H2). */
class WhizbangCleanupTest {

  @Test
  void theInboxCleanerStartsAndStopsWithTheServiceAndKeepsRowsWithinTheRetention() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:c" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    SqlStorage storage = SqlStorage.builder(h2).build();
    MovableClock clock = new MovableClock();
    Journal journal = new Journal();
    try (InMemoryTransport transport = new InMemoryTransport()) {
      Whizbang orders = Whizbang.builder().service("orders")
          .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
          .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(journal)))))
          .transport(transport)
          .storage(storage, s -> s.withoutRelay()
              .cleanupInterval(Duration.ofMillis(20)))  // retention: the default 7 days
          .clock(clock)
          .build().start();
      EnvelopeFactory client = new EnvelopeFactory(orders.router(), "client", Set.of(), clock);

      transport.publish(List.of(client.command(new PlaceOrder("o-1", "ada", 0), null).toOutgoingMessage()))
          .get(0).join();
      Await.until(() -> inboxRows(storage) == 1, "the first order is handled");
      clock.advance(Duration.ofDays(6));
      transport.publish(List.of(client.command(new PlaceOrder("o-2", "ada", 1), null).toOutgoingMessage()))
          .get(0).join();
      Await.until(() -> inboxRows(storage) == 2, "the second order is handled");

      clock.advance(Duration.ofDays(1).plusSeconds(1));   // o-1 is 7 days and a second old, o-2 one day old
      Await.until(() -> inboxRows(storage) == 1, "the expired inbox row is deleted by the service's cleaner");
      assertThat(journal.calls(OrderHandlers.NAME)).hasSize(2);
      assertThat(cleanupThreads()).as("the cleaner thread runs while the service does").isNotEmpty();

      orders.close();
      Await.until(() -> cleanupThreads().isEmpty(), "the cleaner stops with the service");
    }
  }

  @Test
  void cleanupSettingsArePositive() {
    // They need storage by construction: they are settings of storage(storage, options) only.
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:c" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    SqlStorage storage = SqlStorage.builder(h2).build();
    assertThatThrownBy(() -> Whizbang.builder().storage(storage, s -> s.cleanupInterval(Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cleanupInterval must be positive, was PT0S");
    assertThatThrownBy(() -> Whizbang.builder().storage(storage, s -> s.cleanupRetention(Duration.ofDays(-1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cleanupRetention must be positive, was PT-24H");
  }

  private static List<Thread> cleanupThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("whizbang-inbox-cleanup-orders") && t.isAlive()).toList();
  }

  private static long inboxRows(SqlStorage db) {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from " + StorageInternals.tables(db).table("inbox"))) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

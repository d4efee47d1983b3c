package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.thread.RecordingThreadFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Whizbang.builder().threads(factory)} makes the threads of every loop the service starts: its relay and the
 * relay's LISTEN connection, its inbox cleaners and the lanes of the in-memory transport it creates. PostgreSQL,
 * where the relay listens.
 */
class WhizbangThreadsTest {

  @Test
  void everyLoopOfTheServiceTakesItsThreadFromTheBuildersFactory() {
    RecordingThreadFactory factory = new RecordingThreadFactory();
    Journal journal = new Journal();
    try (StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
        Whizbang orders = Whizbang.builder()
            .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
            .service("orders")
            .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(journal)))))
            .storage(db.storage(), s -> s.relay(RelayConfig.builder().publishInterval(Duration.ofMillis(20)).build()))
            .threads(factory)
            .build()
            .start()) {
      orders.send(new PlaceOrder("o-1", "ada", 0)).join();      // outbox, relay, in-memory broker, inbox
      Await.until(() -> journal.count(c -> c.message() instanceof PlaceOrder) == 1, "the command handled");
    }
    assertThat(factory.names()).as("threads made by the user's factory")
        .anyMatch(n -> n.startsWith("whizbang-relay-relay-"))
        .anyMatch(n -> n.startsWith("whizbang-relay-listen-"))
        .anyMatch(n -> n.equals("whizbang-inbox-cleanup-orders"))
        .anyMatch(n -> n.startsWith("whizbang-memory-orders-"));
  }
}

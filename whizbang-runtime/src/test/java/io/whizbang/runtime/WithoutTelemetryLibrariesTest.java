package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime with neither Micrometer nor the OpenTelemetry API on the class path, as a service that configures
 * neither may run: the whole path of a command and of events (inbox, outbox, relay, in-memory transport, PostgreSQL)
 * must load no class that needs them. Run by the surefire execution {@code without-optional-telemetry}, which takes
 * both libraries off the class path and sets {@code whizbang.test.withoutTelemetry}; the default execution leaves
 * it out (with the libraries present it proves nothing, so it is skipped there when named with {@code -Dtest}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WithoutTelemetryLibrariesTest {

  private final InMemoryTransport transport = new InMemoryTransport();
  private final Journal journal = new Journal();
  private final List<Whizbang> services = new ArrayList<>();
  private final List<StorageFixture> databases = new ArrayList<>();

  @BeforeEach
  void onlyWithoutTheLibraries() {
    Assumptions.assumeTrue(Boolean.getBoolean("whizbang.test.withoutTelemetry"),
        "runs in the surefire execution 'without-optional-telemetry', which takes the libraries off the class path");
  }

  @AfterEach
  void closeAll() {
    services.forEach(Whizbang::close);
    transport.close();
    databases.forEach(StorageFixture::close);
  }

  @Test
  void theLibrariesAreReallyAbsent() {
    assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("io.opentelemetry.api.OpenTelemetry"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aCommandAndEventsFlowThroughInboxOutboxAndRelayOnce() throws Exception {
    Whizbang orders = started(Whizbang.builder()
        .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .service("orders")
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(journal))))));
    Whizbang shipping = started(Whizbang.builder()
        .module(new ShippingFixtureModule()).module(new OrdersFixtureModule())
        .service("shipping")
        .owns("shipping")
        .handlers(HandlerSet.of(List.of(new ShippingHandlersFixtureDispatcher(new ShippingHandlers(journal))))));

    // A command: orders' inbox applies it, its OrderPlaced and ShipOrder leave through orders' outbox and relay.
    shipping.send(new PlaceOrder("o-1", "ada", 0)).join();
    // An event written to the outbox in the caller's own transaction.
    try (Connection c = databases.get(0).connection()) {
      orders.publish(c, new OrderPlaced("o-2", "bob", 0));
    }

    Await.until(() -> journal.count(c -> c.message() instanceof ShipOrder) == 1
        && journal.count(c -> c.message() instanceof OrderPlaced) == 2, "ShipOrder and both OrderPlaced handled");
    assertThat(journal.calls(OrderHandlers.NAME)).singleElement()
        .satisfies(c -> assertThat(c.message()).isEqualTo(new PlaceOrder("o-1", "ada", 0)));
    assertThat(journal.calls(ShippingHandlers.NAME)).extracting(Journal.Call::message)
        .containsExactlyInAnyOrder(new ShipOrder("o-1"), new OrderPlaced("o-1", "ada", 0),
            new OrderPlaced("o-2", "bob", 0));
    assertThat(orders.relay().orElseThrow().stats().published()).as("published by orders' relay")
        .isGreaterThanOrEqualTo(3);
  }

  private Whizbang started(WhizbangBuilder builder) {
    StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
    databases.add(db);
    Whizbang w = builder.transport(transport)
        .storage(db.storage(), s -> s.relay(RelayConfig.builder().publishInterval(Duration.ofMillis(20)).build()))
        .build().start();
    services.add(w);
    return w;
  }
}

package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.runtime.Health.Status;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.testfixtures.SwitchableTransport;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Whizbang#health()} of a service with storage on PostgreSQL: its verdict moves from UP to DEGRADED and DOWN
 * as the oldest unpublished outbox row ages past the thresholds and as the relay stops, and back to UP once the
 * broker takes the row and the relay runs again. The row's age is set in the table rather than waited for.
 */
class WhizbangHealthTest {
  private final InMemoryTransport memory = new InMemoryTransport();
  private final SwitchableTransport broker = new SwitchableTransport(memory);
  private final StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
  private final List<Whizbang> services = new ArrayList<>();

  @AfterEach
  void closeAll() {
    services.forEach(Whizbang::close);
    memory.close();
    db.close();
  }

  @Test
  void theVerdictFollowsTheOutboxBacklogAndTheRelay() throws Exception {
    Whizbang orders = Whizbang.builder()
        .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .service("orders")
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(new Journal())))))
        .transport(broker)
        .storage(db.storage(), s -> s.relay(RelayConfig.builder().publishInterval(Duration.ofMillis(20))
            .leaseDuration(Duration.ofSeconds(1)).confirmTimeout(Duration.ofMillis(500)).build()))
        .health(Health.Thresholds.defaults().withOutbox(Duration.ofSeconds(30), Duration.ofMinutes(5)))
        .build();
    services.add(orders);

    Health built = orders.health();
    assertThat(built.status()).isEqualTo(Status.DOWN);
    assertThat(built.component("service").reason()).contains("not started");
    assertThat(built.ready()).isFalse();

    orders.start();
    Await.until(() -> orders.health().status() == Status.UP, "UP once started: " + orders.health());
    Health up = orders.health();
    assertThat(up.components()).extracting(Health.Component::name)
        .containsExactly("service", "relay", "outbox", "subscriber:orders", "deadLetters");
    assertThat(up.component("outbox").values()).containsEntry("pending", 0L);

    // The broker goes away: an event waits in the outbox, young at first.
    broker.down = true;
    try (Connection c = db.connection()) {
      orders.publish(c, new OrderPlaced("o-1", "ada", 1));
    }
    Await.until(() -> orders.relay().orElseThrow().stats().retried() > 0, "a failed publish");
    assertThat(orders.health().component("outbox").values()).containsEntry("pending", 1L);
    assertThat(orders.health().status()).isEqualTo(Status.UP);

    ageOutbox(Duration.ofMinutes(1));
    Health degraded = orders.health();
    assertThat(degraded.status()).isEqualTo(Status.DEGRADED);
    assertThat(degraded.ready()).isTrue();
    assertThat(degraded.component("outbox").reason()).contains("oldest unpublished outbox row");

    ageOutbox(Duration.ofMinutes(10));
    Health down = orders.health();
    assertThat(down.status()).isEqualTo(Status.DOWN);
    assertThat(down.component("outbox").status()).isEqualTo(Status.DOWN);
    JsonNode json = new ObjectMapper().readTree(down.toJson());
    assertThat(json.get("status").asText()).isEqualTo("DOWN");
    assertThat(json.get("components").get(2).get("values").get("oldestPendingAgeMs").asLong())
        .isGreaterThanOrEqualTo(Duration.ofMinutes(10).toMillis());

    // The broker is back: the relay publishes the row and the verdict returns to UP.
    broker.down = false;
    Await.until(() -> orders.health().status() == Status.UP, "UP once published: " + orders.health());
    assertThat(orders.health().component("relay").values().get("lastPublishedAt")).isNotNull();

    // The relay stops: DOWN, whatever the backlog; started again: UP.
    Relay relay = orders.relay().orElseThrow();
    relay.close();
    Health stopped = orders.health();
    assertThat(stopped.status()).isEqualTo(Status.DOWN);
    assertThat(stopped.component("relay").reason()).contains("not running");
    relay.start();
    Await.until(() -> orders.health().status() == Status.UP, "UP with the relay running: " + orders.health());

    orders.close();
    assertThat(orders.health().component("service").status()).isEqualTo(Status.DOWN);
  }

  @Test
  void thresholdsThatContradictEachOtherAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> Health.Thresholds.defaults().withOutbox(Duration.ofMinutes(5), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outboxDown");
    assertThatThrownBy(() -> Health.Thresholds.defaults().withDeadLetters(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadLetters");
  }

  /** Makes every unpublished row look {@code age} old, by the database's clock. */
  private void ageOutbox(Duration age) {
    db.execute("update " + StorageInternals.tables(db.storage()).outbox() + " set created_at_ms = "
        + StorageInternals.dialect(db.storage()).nowMillis() + " - " + age.toMillis()
        + " where published_at_ms is null");
  }
}

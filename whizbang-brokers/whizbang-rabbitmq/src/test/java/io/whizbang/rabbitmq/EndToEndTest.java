package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.relay.RelayCrash;
import io.whizbang.runtime.sql.SqlStorage;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Outbox (PostgreSQL) to RabbitMQ to two subscribing services, with one of two relays killed mid-run and every
 * broker connection dropped mid-run. Each subscriber deduplicates by message id the way the inbox does, and must apply every event exactly
 * once, in order per key.
 */
class EndToEndTest extends BrokerTestBase {

  private static final int EVENTS = 10_000;
  private static final int KEYS = 100;

  @Test
  void everySubscriberAppliesEachEventExactlyOnceInOrderPerKeyThroughFailures() {
    String rabbitmqctl = Broker.requireRabbitmqctl();
    String orders = domain("orders");
    Applied billing = new Applied();
    Applied shipping = new Applied();
    RabbitMqTransport consumers = transport(b -> b.recoveryInterval(Duration.ofMillis(250)));
    consumers.subscribe(events(subscriber("billing"), orders, 4, "orders.Placed"), billing);
    consumers.subscribe(events(subscriber("shipping"), orders, 4, "orders.Placed"), shipping);

    PGSimpleDataSource postgres = postgres();
    String schema = "wbe2e_" + prefix.replace("wbtest.", "").replace(".", "");
    SqlStorage storage = SqlStorage.builder(postgres).schema(schema).build();
    storage.migrate();
    Outbox outbox = new Outbox(storage);
    RabbitMqTransport publishing = transport(b -> b.recoveryInterval(Duration.ofMillis(250))
        .confirmTimeout(Duration.ofSeconds(1)));
    RelayConfig relayConfig = RelayConfig.builder().batchSize(200).leaseDuration(Duration.ofSeconds(2))
        .confirmTimeout(Duration.ofMillis(1500)).backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
    Relay doomed = new Relay(storage, publishing, relayConfig);
    Relay survivor = new Relay(storage, publishing, RelayConfig.builder().batchSize(200)
        .leaseDuration(Duration.ofSeconds(2)).confirmTimeout(Duration.ofMillis(1500))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build());
    doomed.start();
    survivor.start();
    try {
      for (int from = 0; from < EVENTS; from += 500) {
        List<OutgoingMessage> chunk = new ArrayList<>();
        for (int i = from; i < from + 500; i++) {
          chunk.add(event(orders, "orders.Placed", "k" + (i % KEYS), "k" + (i % KEYS) + ":" + i));
        }
        storage.inTransaction(tx -> {
          outbox.append(tx, chunk);
          return null;
        });
        if (from == 3_000) {
          RelayCrash.kill(doomed);
        }
        if (from == 6_000) {
          Broker.closeAllConnections(rabbitmqctl);
        }
      }

      assertThat(Recorder.await(Duration.ofSeconds(120),
          () -> billing.count() == EVENTS && shipping.count() == EVENTS))
          .as("applied: billing %d, shipping %d of %d", billing.count(), shipping.count(), EVENTS).isTrue();
      Recorder.quiet(Duration.ofMillis(300));
      billing.assertExactlyOnceInOrder();
      shipping.assertExactlyOnceInOrder();
      assertThat(consumers.recoveries()).as("consumer reconnections").isPositive();
      assertThat(publishing.recoveries()).as("relay connection reconnections").isPositive();
    } finally {
      survivor.close();
      doomed.close();
      dropSchema(postgres, schema);
    }
  }

  /** The PostgreSQL the storage tests use; skipped (or failed under CI=true) when it is not reachable. */
  private static PGSimpleDataSource postgres() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setServerNames(new String[] {System.getenv().getOrDefault("PG_HOST", "127.0.0.1")});
    pg.setPortNumbers(new int[] {Integer.parseInt(System.getenv().getOrDefault("PG_PORT", "5432"))});
    pg.setDatabaseName("test");
    pg.setUser("postgres");
    pg.setPassword(System.getenv().getOrDefault("PG_PASSWORD", "postgres"));
    pg.setConnectTimeout(5);
    try (Connection c = pg.getConnection()) {
      return pg;
    } catch (SQLException e) {
      String message = "PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres): "
          + e.getMessage() + "; run scripts/services/start-postgres.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
      return null;
    }
  }

  private static void dropSchema(PGSimpleDataSource postgres, String schema) {
    try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test schema " + schema, e);
    }
  }

  /** A subscriber that applies each message id once (as the inbox does) and keeps each key's applied sequence. */
  private static final class Applied implements DeliveryHandler {
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger applied = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();

    @Override
    public void handle(List<Delivery> batch) {
      for (Delivery delivery : batch) {
        String body = new String(delivery.body(), StandardCharsets.UTF_8);
        if (seen.putIfAbsent(body, Boolean.TRUE) == null) {
          String key = body.substring(0, body.indexOf(':'));
          byKey.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
              .add(Integer.parseInt(body.substring(body.indexOf(':') + 1)));
          applied.incrementAndGet();
        } else {
          duplicates.incrementAndGet();
        }
        delivery.ack();
      }
    }

    int count() {
      return applied.get();
    }

    void assertExactlyOnceInOrder() {
      assertThat(applied.get()).isEqualTo(EVENTS);
      assertThat(byKey).hasSize(KEYS);
      byKey.forEach((key, sequence) -> assertThat(List.copyOf(sequence)).as("applied order of %s", key)
          .isSorted().hasSize(EVENTS / KEYS));
    }
  }
}

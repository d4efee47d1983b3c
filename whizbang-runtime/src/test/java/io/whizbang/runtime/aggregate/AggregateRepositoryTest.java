package io.whizbang.runtime.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.aggregate.Orders.Order;
import io.whizbang.runtime.aggregate.Orders.OrderPlaced;
import io.whizbang.runtime.aggregate.Orders.OrderShipped;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.outbox.EnvelopeEncoder;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.ConcurrencyException;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AggregateRepositoryTest {
  /** Stands in for the envelope codec: readable, and recognisably derived from the envelope. */
  private static final EnvelopeEncoder ENCODER = e -> (e.messageId() + "|" + e.wireName() + "|" + e.position() + "|"
      + new String(e.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void savedEventsReplayIntoTheSameState(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      AggregateRepository<Order> orders = new AggregateRepository<>(fixture.storage(), new Orders.OrderType(), ENCODER);
      Aggregate<Order> order = orders.create("o-1").raise(new OrderPlaced("o-1", 250));
      assertThat(order.state().placed()).isTrue();
      orders.save(order);
      assertThat(order.version()).isEqualTo(1);
      assertThat(order.pendingEvents()).isEmpty();

      Aggregate<Order> loaded = orders.load("o-1");
      assertThat(loaded.state()).isEqualTo(new Order("o-1", 250, true, false));
      assertThat(loaded.version()).isEqualTo(1);
      orders.save(loaded.raise(new OrderShipped("o-1")));

      assertThat(orders.load("o-1").state()).isEqualTo(new Order("o-1", 250, true, true));
      assertThat(orders.load("o-1").version()).isEqualTo(2);
      assertThat(orders.load("nobody").isNew()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void saveWritesOneOutboxRowPerEventInTheSameTransaction(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      AggregateRepository<Order> orders = new AggregateRepository<>(fixture.storage(), new Orders.OrderType(), ENCODER);
      AtomicInteger signals = new AtomicInteger();
      StorageInternals.commitSignal(fixture.storage()).listen(signals::incrementAndGet);
      orders.save(orders.create("o-2").raise(new OrderPlaced("o-2", 10)).raise(new OrderShipped("o-2")));
      assertThat(signals).hasValue(1);

      List<StoredEvent> events;
      try (Connection c = fixture.connection()) {
        events = new EventStore(fixture.storage()).readStream(c, "orders.Order-o-2");
      }
      assertThat(events).extracting(e -> e.envelope().wireName())
          .containsExactly("orders.OrderPlaced", "orders.OrderShipped");
      Envelope placed = events.get(0).envelope();
      assertThat(placed.partitionKey()).isEqualTo("o-2");
      assertThat(placed.correlationId()).isEqualTo(placed.messageId());
      assertThat(new String(placed.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"o-2\",\"total\":10}");

      List<String> rows = new ArrayList<>();
      try (Connection c = fixture.connection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("select message_id, partition_key, destination_domain, body from "
              + StorageInternals.tables(fixture.storage()).outbox() + " order by id")) {
        while (r.next()) {
          rows.add(r.getObject(1, UUID.class) + " " + r.getString(2) + " " + r.getString(3) + " "
              + new String(r.getBytes(4), StandardCharsets.UTF_8));
        }
      }
      assertThat(rows).containsExactly(
          placed.messageId() + " o-2 orders " + new String(ENCODER.encode(placed), StandardCharsets.UTF_8),
          events.get(1).envelope().messageId() + " o-2 orders "
              + new String(ENCODER.encode(events.get(1).envelope()), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aStaleAggregateIsRefusedAndWritesNothing(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      AggregateRepository<Order> orders = new AggregateRepository<>(fixture.storage(), new Orders.OrderType(), ENCODER);
      orders.save(orders.create("o-3").raise(new OrderPlaced("o-3", 5)));
      Aggregate<Order> first = orders.load("o-3");
      Aggregate<Order> second = orders.load("o-3");
      orders.save(first.raise(new OrderShipped("o-3")));

      assertThatThrownBy(() -> orders.save(second.raise(new OrderShipped("o-3"))))
          .isInstanceOf(ConcurrencyException.class)
          .hasMessageContaining("orders.Order-o-3")
          .hasMessageContaining("expected at version 1 but is at version 2");
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isEqualTo(2);
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).events())).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void savingInTheCallersRolledBackTransactionLeavesNothing(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      AggregateRepository<Order> orders = new AggregateRepository<>(fixture.storage(), new Orders.OrderType(), ENCODER);
      c.setAutoCommit(false);
      orders.save(c, orders.create("o-4").raise(new OrderPlaced("o-4", 1)));
      c.rollback();
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isZero();
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).events())).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void eventsCausedByAMessageInheritItsCorrelation(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db); Connection c = fixture.connection()) {
      AggregateRepository<Order> orders = new AggregateRepository<>(fixture.storage(), new Orders.OrderType(), ENCODER);
      UUID correlation = UUID.randomUUID();
      Envelope command = new Envelope(UUID.randomUUID(), "orders.PlaceOrder", "orders", "o-5", correlation, null,
          Instant.now(), Envelope.NO_POSITION, Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), "{}".getBytes());
      orders.save(c, orders.create("o-5").raise(new OrderPlaced("o-5", 1)), command);

      Envelope stored = new EventStore(fixture.storage()).readStream(c, "orders.Order-o-5").get(0).envelope();
      assertThat(stored.correlationId()).isEqualTo(correlation);
      assertThat(stored.causationId()).isEqualTo(command.messageId());
      assertThat(stored.headers()).containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void theStandardEncoderWritesDecodableEnvelopesWithBrokerHeaders(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      AggregateRepository<Order> orders = new AggregateRepository<>(fixture.storage(), new Orders.OrderType());
      orders.save(orders.create("o-7").raise(new OrderPlaced("o-7", 70)));
      try (Connection c = fixture.connection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("select body, headers from " + StorageInternals.tables(fixture.storage()).outbox())) {
        assertThat(r.next()).isTrue();
        Envelope decoded = io.whizbang.runtime.envelope.EnvelopeCodec.decode(r.getBytes(1));
        assertThat(decoded.wireName()).isEqualTo("orders.OrderPlaced");
        assertThat(decoded.partitionKey()).isEqualTo("o-7");
        assertThat(decoded.position()).isPositive();
        assertThat(io.whizbang.runtime.sql.SqlHeaders.decode(r.getString(2)))
            .containsEntry(io.whizbang.runtime.envelope.BrokerHeaders.MESSAGE_ID, decoded.messageId().toString());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anEventTypeTheAggregateDoesNotDeclareIsRefused(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      AggregateRepository<Order> orders = new AggregateRepository<>(fixture.storage(), new Orders.OrderType(), ENCODER);
      record Unknown(String id) implements io.whizbang.annotations.Event {}
      Aggregate<Order> order = orders.create("o-6");
      assertThatThrownBy(() -> order.raise(new Unknown("o-6")))
          .hasMessageContaining("Order does not handle");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anEventKeyedByAnotherIdIsRefusedAndWritesNothing(TestDb db) {
    try (StorageFixture fixture = StorageFixture.create(db)) {
      AggregateRepository<Order> orders = new AggregateRepository<>(fixture.storage(), new Orders.OrderType(), ENCODER);
      Aggregate<Order> order = orders.create("o-8").raise(new OrderPlaced("o-9", 1));

      assertThatThrownBy(() -> orders.save(order))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("orders.Order-o-8: orders.OrderPlaced has partition key 'o-9' but belongs to aggregate 'o-8'; "
              + "its @PartitionKey component must hold the aggregate id");
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).events())).isZero();
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isZero();
    }
  }
}

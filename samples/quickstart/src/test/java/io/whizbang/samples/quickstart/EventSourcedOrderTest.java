package io.whizbang.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.annotations.Event;
import io.whizbang.runtime.aggregate.Aggregate;
import io.whizbang.runtime.aggregate.AggregateRepository;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.ConcurrencyException;
import io.whizbang.samples.quickstart.orders.Order;
import io.whizbang.samples.quickstart.orders.OrderCancelled;
import io.whizbang.samples.quickstart.orders.OrderLine;
import io.whizbang.samples.quickstart.orders.OrderPlaced;
import io.whizbang.samples.quickstart.orders.OrderPlaced_JsonCodec;
import io.whizbang.samples.quickstart.orders.OrderStatus;
import io.whizbang.samples.quickstart.orders.Order_AggregateType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code @EventSourced} Order of the quickstart, loaded and saved through its generated aggregate type on an
 * embedded H2 store: replayed state, expected versions, and outbox rows written with the events.
 */
class EventSourcedOrderTest {
  // The tables of a storage built without a table prefix: the default prefix "whizbang_".
  private static final String OUTBOX = "whizbang_outbox";
  private static final String EVENTS = "whizbang_events";

  private static final UUID ORDER = UUID.fromString("0196a7a4-6b00-7000-8000-0000000000a1");
  private static final String ID = ORDER.toString();
  private static final OrderPlaced PLACED = new OrderPlaced(ORDER, "ada",
      List.of(new OrderLine("kettle", 2, new BigDecimal("19.50"))), new BigDecimal("39.00"),
      Instant.parse("2025-05-01T10:15:30Z"), OrderStatus.PLACED);

  private SqlStorage storage;
  private AggregateRepository<Order> orders;

  @BeforeEach
  void setUp() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:quickstart" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    storage = SqlStorage.builder(h2).build();
    storage.migrate();
    orders = new AggregateRepository<>(storage, new Order_AggregateType());
  }

  @Test
  void theGeneratedTypeNamesTheStreamAndListsTheAppliedEvents() {
    Order_AggregateType type = new Order_AggregateType();

    assertThat(type.category()).isEqualTo("orders.Order");
    assertThat(type.streamId(ID)).isEqualTo("orders.Order-" + ID);
    assertThat(type.initial(ID)).isEqualTo(new Order(ID, null, null, BigDecimal.ZERO));
    assertThat(type.eventTypes()).extracting(MessageType::wireName)
        .containsExactly("orders.OrderPlaced", "orders.OrderCancelled");
  }

  @Test
  void savedEventsAreReplayedThroughTheAppliers() {
    Aggregate<Order> created = orders.create(ID).raise(PLACED);
    assertThat(created.state().status()).isEqualTo(OrderStatus.PLACED);
    orders.save(created);

    Aggregate<Order> placed = orders.load(ID);
    assertThat(placed.state()).isEqualTo(new Order(ID, OrderStatus.PLACED, "ada", new BigDecimal("39.00")));
    assertThat(placed.version()).isEqualTo(1);

    orders.save(placed.raise(new OrderCancelled(ORDER, "changed my mind")));
    Aggregate<Order> cancelled = orders.load(ID);
    assertThat(cancelled.state()).isEqualTo(new Order(ID, OrderStatus.CANCELLED, "ada", new BigDecimal("39.00")));
    assertThat(cancelled.version()).isEqualTo(2);
    assertThat(orders.load("0196a7a4-6b00-7000-8000-0000000000ff").isNew()).isTrue();
  }

  @Test
  void eachSavedEventHasAnOutboxRowKeyedByTheOrder() throws SQLException {
    orders.save(orders.create(ID).raise(PLACED).raise(new OrderCancelled(ORDER, "duplicate")));

    List<String> rows = new ArrayList<>();
    Envelope first = null;
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select wire_name, destination_domain, partition_key, body from "
            + OUTBOX + " order by id")) {
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
        if (first == null) {
          first = EnvelopeCodec.decode(r.getBytes(4));
        }
      }
    }
    assertThat(rows).containsExactly("orders.OrderPlaced orders " + ID, "orders.OrderCancelled orders " + ID);
    assertThat(first.wireName()).isEqualTo("orders.OrderPlaced");
    assertThat(Json.decode(OrderPlaced_JsonCodec.INSTANCE, first.payload())).isEqualTo(PLACED);
  }

  @Test
  void aStaleCopyIsRefusedAndWritesNothing() throws SQLException {
    orders.save(orders.create(ID).raise(PLACED));
    Aggregate<Order> first = orders.load(ID);
    Aggregate<Order> second = orders.load(ID);
    orders.save(first.raise(new OrderCancelled(ORDER, "first")));

    assertThatThrownBy(() -> orders.save(second.raise(new OrderCancelled(ORDER, "second"))))
        .isInstanceOf(ConcurrencyException.class)
        .hasMessageContaining("orders.Order-" + ID)
        .hasMessageContaining("expected at version 1 but is at version 2");
    assertThat(count(OUTBOX)).isEqualTo(2);
    assertThat(count(EVENTS)).isEqualTo(2);
  }

  @Test
  void savingInTheCallersTransactionRollsBackWithIt() throws SQLException {
    try (Connection c = storage.dataSource().getConnection()) {
      c.setAutoCommit(false);
      orders.save(c, orders.create(ID).raise(PLACED));
      assertThat(orders.load(c, ID).version()).isEqualTo(1);
      c.rollback();
    }

    assertThat(orders.load(ID).isNew()).isTrue();
    assertThat(count(OUTBOX)).isZero();
  }

  @Test
  void anEventWithoutApplierIsRefusedByTheGeneratedType() {
    record Unrelated(String id) implements Event {}

    assertThatThrownBy(() -> orders.create(ID).raise(new Unrelated(ID)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Order has no @Applies method for " + Unrelated.class.getName());
  }

  private long count(String table) throws SQLException {
    try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from " + table)) {
      r.next();
      return r.getLong(1);
    }
  }
}

package io.whizbang.samples.shop.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.store.StoredEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The orders handlers on a real (H2) event store: each command's events are appended once, in its transaction. */
class OrderHandlersTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final UUID ORDER = UUID.fromString("7b1c2f1e-0000-4000-8000-000000000001");
  private static final List<OrderLine> LINES =
      List.of(new OrderLine("kettle", 2, new BigDecimal("19.50")), new OrderLine("mug", 3, new BigDecimal("4.25")));

  private SqlStorage storage;
  private OrderHandlers handlers;

  @BeforeEach
  void setUp() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:orders" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    storage = SqlStorage.builder(h2).tablePrefix("orders_").build();
    storage.migrate();
    handlers = new OrderHandlers(storage, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void placingAnOrderAppendsOrderPlacedWithItsTotal() throws Exception {
    inTransaction(c -> handlers.place(new PlaceOrder(ORDER, "ada", LINES), context(c, "orders.PlaceOrder")));

    List<StoredEvent> stream = stream();
    assertThat(stream).extracting(e -> e.envelope().wireName()).containsExactly("orders.OrderPlaced");
    assertThat(new String(stream.get(0).envelope().payload(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"total\":51.75").contains("\"customer\":\"ada\"");
  }

  @Test
  void placingTheSameOrderAgainChangesNothing() throws Exception {
    inTransaction(c -> handlers.place(new PlaceOrder(ORDER, "ada", LINES), context(c, "orders.PlaceOrder")));
    inTransaction(c -> handlers.place(new PlaceOrder(ORDER, "ada", LINES), context(c, "orders.PlaceOrder")));

    assertThat(stream()).hasSize(1);
  }

  @Test
  void cancellingAPlacedOrderOnceAppendsOrderCancelledWithItsLines() throws Exception {
    inTransaction(c -> handlers.place(new PlaceOrder(ORDER, "ada", LINES), context(c, "orders.PlaceOrder")));
    inTransaction(c -> handlers.cancel(new CancelOrder(ORDER, "late"), context(c, "orders.CancelOrder")));
    inTransaction(c -> handlers.cancel(new CancelOrder(ORDER, "late"), context(c, "orders.CancelOrder")));

    List<StoredEvent> stream = stream();
    assertThat(stream).extracting(e -> e.envelope().wireName())
        .containsExactly("orders.OrderPlaced", "orders.OrderCancelled");
    assertThat(new String(stream.get(1).envelope().payload(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"sku\":\"kettle\"").contains("\"reason\":\"late\"");
  }

  @Test
  void cancellingAnUnknownOrderAppendsNothing() throws Exception {
    inTransaction(c -> handlers.cancel(new CancelOrder(ORDER, "never placed"), context(c, "orders.CancelOrder")));

    assertThat(stream()).isEmpty();
  }

  @Test
  void anOrderWithoutLinesIsRefused() {
    assertThatThrownBy(() -> inTransaction(c ->
        handlers.place(new PlaceOrder(ORDER, "ada", List.of()), context(c, "orders.PlaceOrder"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Order " + ORDER + " has no lines");
    assertThat(stream()).isEmpty();
  }

  private List<StoredEvent> stream() {
    return storage.inTransaction(tx -> new EventStore(storage).readStream(tx.connection(), "orders.Order-" + ORDER));
  }

  private void inTransaction(Work work) {
    storage.inTransaction(tx -> {
      work.run(tx.connection());
      return null;
    });
  }

  @FunctionalInterface
  private interface Work {
    void run(Connection c) throws Exception;
  }

  /** The context a handler gets from the inbox consumer: the message's envelope and the transaction. */
  private static HandlerContext context(Connection connection, String wireName) {
    UUID id = MessageIds.next();
    Envelope envelope = new Envelope(id, wireName, "orders", ORDER.toString(), id, null, NOW, Envelope.NO_POSITION,
        Map.of(), new byte[0]);
    return new HandlerContext() {
      @Override
      public Envelope envelope() {
        return envelope;
      }

      @Override
      public void send(Command command) {
        throw new AssertionError("the orders handlers send nothing: " + command);
      }

      @Override
      public void publish(Event event) {
        throw new AssertionError("the orders handlers save aggregates instead of publishing: " + event);
      }

      @Override
      public Connection connection() {
        return connection;
      }
    };
  }
}

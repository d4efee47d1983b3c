package io.whizbang.samples.shop.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.aggregate.AggregateRepository;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.generated.MessageVersions;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.store.StoredEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OrderCancelled} at version 2 (with its refund) over an event store that still holds a version-1
 * cancellation: the order replays through it, and the stored event reads as version 2 with the refund its upcaster
 * computes, as every handler and projection of it sees it. New cancellations are written as version 2.
 */
class EvolvedEventTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final List<OrderLine> LINES =
      List.of(new OrderLine("kettle", 2, new BigDecimal("19.50")), new OrderLine("mug", 3, new BigDecimal("4.25")));

  private SqlStorage storage;
  private AggregateRepository<Order> orders;

  @BeforeEach
  void setUp() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:evolved" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    storage = SqlStorage.builder(h2).tablePrefix("orders_").build();
    storage.migrate();
    orders = new AggregateRepository<>(storage, new Order_AggregateType());
  }

  @Test
  void aStoredVersionOneCancellationReadsAsVersionTwo() {
    UUID order = UUID.randomUUID();
    orders.save(orders.create(order.toString()).raise(new OrderPlaced(order, "ada", LINES, new BigDecimal("51.75"),
        NOW)));
    // What the orders service wrote before version 2: the version-1 record's JSON, no version header.
    byte[] v1 = Json.encode(OrderCancelledV1_JsonCodec.INSTANCE, new OrderCancelledV1(order, LINES, "late", NOW));
    storage.inTransaction(tx -> new EventStore(storage).append(tx.connection(), "orders.Order-" + order, 1,
        List.of(new Envelope(MessageIds.next(), "orders.OrderCancelled", "orders", order.toString(),
            MessageIds.next(), null, NOW, Envelope.NO_POSITION, Map.of(), v1))));

    assertThat(orders.load(order.toString()).state().status()).isEqualTo(Order.Status.CANCELLED);
    Envelope stored = stream(order).get(1).envelope();
    assertThat(stored.headers()).doesNotContainKey(MessageVersions.HEADER);
    assertThat(MessageVersions.decode(OrderCancelled_JsonCodec.INSTANCE, stored))
        .isEqualTo(new OrderCancelled(order, LINES, "late", NOW, new BigDecimal("51.75")));
  }

  @Test
  void aNewCancellationIsWrittenAsVersionTwo() {
    UUID order = UUID.randomUUID();
    orders.save(orders.create(order.toString()).raise(new OrderPlaced(order, "ada", LINES, new BigDecimal("51.75"),
        NOW)));
    orders.save(orders.load(order.toString()).raise(new OrderCancelled(order, LINES, "late", NOW,
        OrderCancelled.valueOf(LINES))));

    Envelope stored = stream(order).get(1).envelope();
    assertThat(stored.headers()).containsEntry(MessageVersions.HEADER, "2");
    assertThat(new String(stored.payload(), StandardCharsets.UTF_8)).contains("\"refund\":51.75");
  }

  private List<StoredEvent> stream(UUID order) {
    return storage.inTransaction(tx -> new EventStore(storage).readStream(tx.connection(), "orders.Order-" + order));
  }
}

package io.whizbang.samples.shop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.projection.RunningProjection;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import io.whizbang.samples.shop.orders.OrderCancelledV1;
import io.whizbang.samples.shop.orders.OrderCancelledV1_JsonCodec;
import io.whizbang.samples.shop.orders.OrderLine;
import io.whizbang.samples.shop.orders.OrderPlaced;
import io.whizbang.samples.shop.orders.OrderPlaced_JsonCodec;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code OrderCancelled} is at version 2 (it carries the refund); cancellations written at version 1 still reach
 * the other services, from the orders event store through its feed (analytics backfilling) and over the broker (an
 * orders instance not yet redeployed, publishing version 1 during a rolling deployment). Each reads as version 2,
 * with the refund the upcaster computes: analytics counts it against revenue, inventory releases the stock.
 */
class EvolvedEventAcrossServicesTest {

  private static final Instant THEN = Instant.parse("2025-11-30T10:00:00Z");

  @Test
  void versionOneCancellationsReadAsVersionTwoFromTheFeedAndFromTheBroker() throws Exception {
    Infrastructure infra = new Infrastructure(Settings.parse(List.of(), Map.of()));
    RunningProjection analytics = null;
    try (InMemoryTransport transport = new InMemoryTransport()) {
      Shop shop = new Shop(infra, transport);
      try (Shop.Orders orders = shop.orders(0); ServiceNode inventory = shop.inventory()) {
        // History from before version 2, in the orders event store: an order placed, then cancelled as version 1.
        List<OrderLine> stored = List.of(new OrderLine("kettle", 2, new BigDecimal("19.50")));
        UUID storedOrder = UUID.randomUUID();
        append(infra.storage("orders"), storedOrder, List.of(placed(storedOrder, stored), cancelledV1(storedOrder,
            stored)));

        analytics = shop.analytics("http://127.0.0.1:" + orders.feed().port());
        assertThat(analytics.awaitLive(Duration.ofSeconds(30))).as("analytics backfilled and live").isTrue();

        // Live, over the broker: an orders instance still at version 1 places and cancels an order.
        List<OrderLine> live = List.of(new OrderLine("mug", 3, new BigDecimal("4.25")),
            new OrderLine("tin", 1, new BigDecimal("7.00")));
        UUID liveOrder = UUID.randomUUID();
        for (Envelope e : List.of(placed(liveOrder, live), cancelledV1(liveOrder, live))) {
          transport.publish(List.of(new OutgoingMessage(e.messageId(), e.wireName(), Destination.events("orders"),
              e.partitionKey(), 0, BrokerHeaders.of(e), EnvelopeCodec.encode(e)))).get(0).join();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((cancellations(infra) < 2 || inventoryApplied(infra) < 2) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        // Refunds: 2 x 19.50 from the feed, 3 x 4.25 + 7.00 over the broker; neither was in the events.
        assertThat(cancellations(infra)).isEqualTo(2);
        assertThat(refunded(infra)).isEqualByComparingTo("58.75");
        assertThat(analytics.progress().backfilled()).isEqualTo(2);
        assertThat(inventoryApplied(infra)).isEqualTo(2);
        assertThat(reservedUnits(infra)).as("the live order's stock released").isZero();
      }
    } finally {
      if (analytics != null) {
        analytics.close();
      }
      infra.dropDemoSchema();
    }
  }

  private static Envelope placed(UUID order, List<OrderLine> lines) {
    BigDecimal total = lines.stream().map(OrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    return envelope("orders.OrderPlaced", order, Json.encode(OrderPlaced_JsonCodec.INSTANCE,
        new OrderPlaced(order, "ada", lines, total, THEN)));
  }

  /** As an orders service before version 2 wrote it: the version-1 record's JSON, no version header. */
  private static Envelope cancelledV1(UUID order, List<OrderLine> lines) {
    return envelope("orders.OrderCancelled", order, Json.encode(OrderCancelledV1_JsonCodec.INSTANCE,
        new OrderCancelledV1(order, lines, "changed my mind", THEN)));
  }

  private static Envelope envelope(String wireName, UUID order, byte[] payload) {
    return new Envelope(MessageIds.next(), wireName, "orders", order.toString(), MessageIds.next(), null, THEN,
        Envelope.NO_POSITION, Map.of(), payload);
  }

  private static void append(SqlStorage storage, UUID order, List<Envelope> events) {
    storage.inTransaction(tx -> new EventStore(storage).append(tx.connection(), "orders.Order-" + order,
        EventStore.NO_STREAM, events));
  }

  private static long cancellations(Infrastructure infra) throws Exception {
    return query(infra, "select coalesce(sum(orders), 0) from " + infra.tablePrefix("analytics")
        + "totals where customer = '(cancelled)'").longValue();
  }

  private static BigDecimal refunded(Infrastructure infra) throws Exception {
    return query(infra, "select coalesce(-sum(revenue), 0) from " + infra.tablePrefix("analytics")
        + "totals where customer = '(cancelled)'");
  }

  private static long inventoryApplied(Infrastructure infra) throws Exception {
    return query(infra, "select count(*) from " + infra.tablePrefix("inventory") + "applied").longValue();
  }

  private static BigDecimal query(Infrastructure infra, String sql) throws Exception {
    try (Connection c = infra.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getBigDecimal(1);
    }
  }

  /** The units inventory holds reserved over every SKU. */
  private static long reservedUnits(Infrastructure infra) throws Exception {
    return query(infra, "select coalesce(sum(reserved), 0) from " + infra.tablePrefix("inventory") + "stock")
        .longValue();
  }
}

package io.whizbang.samples.shop.shipping;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.samples.shop.orders.OrderPlaced;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Ships each placed order. The shipment row, the applied-event log, the inbox row and the outbox row of
 * {@link OrderShipped} commit in one transaction: a redelivered {@code OrderPlaced} ships nothing twice.
 */
public final class ShippingHandlers {

  private final ShippingTables tables;
  private final Clock clock;

  public ShippingHandlers(ShippingTables tables, Clock clock) {
    this.tables = tables;
    this.clock = clock;
  }

  @Handles
  void on(OrderPlaced event, HandlerContext context) throws SQLException {
    String tracking = "TRK-" + event.orderId().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    try (PreparedStatement s = context.connection().prepareStatement(
        "insert into " + tables.shipments() + " (order_id, tracking) values (?, ?)")) {
      s.setObject(1, event.orderId());
      s.setString(2, tracking);
      s.executeUpdate();
    }
    tables.logApplied(context.connection(), context.envelope());
    context.publish(new OrderShipped(event.orderId(), "whizbang-post", tracking, clock.instant()));
  }
}

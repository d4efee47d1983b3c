package io.whizbang.samples.shop.analytics;

import io.whizbang.annotations.Handles;
import io.whizbang.annotations.Projection;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.projection.ProjectionContext;
import io.whizbang.samples.shop.orders.OrderCancelled;
import io.whizbang.samples.shop.orders.OrderPlaced;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Orders and revenue per customer, folded from the orders domain's events. The projection engine applies each event
 * in the transaction that also moves the projection's checkpoint, whether it came from the backfill or live.
 */
@Projection(name = "order-analytics", source = "orders")
public final class OrderAnalytics {

  private final AnalyticsTables tables;

  public OrderAnalytics(AnalyticsTables tables) {
    this.tables = tables;
  }

  @Handles
  void on(OrderPlaced event, HandlerContext context) throws SQLException {
    Connection c = ProjectionContext.of(context).connection();
    add(c, event.customer(), 1, event.total());
    tables.logApplied(c, context.envelope());
  }

  /** A cancellation's refund counts against revenue (a version-1 event's refund comes from its upcaster). */
  @Handles
  void on(OrderCancelled event, HandlerContext context) throws SQLException {
    Connection c = ProjectionContext.of(context).connection();
    add(c, "(cancelled)", 1, event.refund().negate());
    tables.logApplied(c, context.envelope());
  }

  private void add(Connection c, String customer, int orders, BigDecimal revenue) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("update " + tables.totals()
        + " set orders = orders + ?, revenue = revenue + ? where customer = ?")) {
      update.setInt(1, orders);
      update.setBigDecimal(2, revenue);
      update.setString(3, customer);
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement insert = c.prepareStatement("insert into " + tables.totals()
        + " (customer, orders, revenue) values (?, ?, ?)")) {
      insert.setString(1, customer);
      insert.setInt(2, orders);
      insert.setBigDecimal(3, revenue);
      insert.executeUpdate();
    }
  }
}

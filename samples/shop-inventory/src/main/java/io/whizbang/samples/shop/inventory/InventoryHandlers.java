package io.whizbang.samples.shop.inventory;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.samples.shop.orders.OrderCancelled;
import io.whizbang.samples.shop.orders.OrderLine;
import io.whizbang.samples.shop.orders.OrderPlaced;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * Reacts to the orders domain's events. Runs in the inbox transaction: the stock change, the applied-event log and
 * the inbox row commit together, so a redelivered event changes nothing.
 */
public final class InventoryHandlers {

  private final InventoryTables tables;

  public InventoryHandlers(InventoryTables tables) {
    this.tables = tables;
  }

  @Handles
  void on(OrderPlaced event, HandlerContext context) throws SQLException {
    adjust(context.connection(), event.lines(), 1);
    tables.logApplied(context.connection(), context.envelope());
  }

  @Handles
  void on(OrderCancelled event, HandlerContext context) throws SQLException {
    adjust(context.connection(), event.lines(), -1);
    tables.logApplied(context.connection(), context.envelope());
  }

  private void adjust(Connection c, List<OrderLine> unordered, int sign) throws SQLException {
    // Rows locked in one order (by SKU) by every transaction: two orders sharing SKUs, applied at once, cannot
    // deadlock each other by taking the same rows in opposite orders.
    List<OrderLine> lines = unordered.stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
    try (PreparedStatement s = c.prepareStatement(
        "update " + tables.stock() + " set reserved = reserved + ? where sku = ?")) {
      for (OrderLine line : lines) {
        s.setLong(1, (long) sign * line.quantity());
        s.setString(2, line.sku());
        s.addBatch();
      }
      int[] counts = s.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          throw new IllegalArgumentException("Unknown SKU '" + lines.get(i).sku() + "'");
        }
      }
    }
  }
}

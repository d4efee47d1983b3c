package io.whizbang.samples.shop.orders;

import java.util.List;

/**
 * An order's state, folded from its events by {@link OrderAggregate}.
 *
 * @param status {@code NEW} before the first event
 */
public record Order(String id, Status status, List<OrderLine> lines) {

  /** Where an order is in its life. */
  public enum Status { NEW, PLACED, CANCELLED }

  static Order empty(String id) {
    return new Order(id, Status.NEW, List.of());
  }

  Order on(OrderPlaced e) {
    return new Order(id, Status.PLACED, e.lines());
  }

  Order on(OrderCancelled e) {
    return new Order(id, Status.CANCELLED, lines);
  }
}

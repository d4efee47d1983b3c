package io.whizbang.samples.quickstart.orders;

import io.whizbang.annotations.Applies;
import io.whizbang.annotations.EventSourced;
import java.math.BigDecimal;

/**
 * An order kept as an event-sourced aggregate: its state is replayed from the {@code orders.Order-<id>} stream by
 * the generated {@code Order_AggregateType}.
 *
 * @param status {@code null} until the order is placed
 */
@EventSourced
public record Order(String id, OrderStatus status, String customer, BigDecimal total) {

  static Order initial(String id) {
    return new Order(id, null, null, BigDecimal.ZERO);
  }

  @Applies
  Order on(OrderPlaced event) {
    return new Order(id, OrderStatus.PLACED, event.customer(), event.total());
  }

  @Applies
  Order on(OrderCancelled event) {
    return new Order(id, OrderStatus.CANCELLED, customer, total);
  }
}

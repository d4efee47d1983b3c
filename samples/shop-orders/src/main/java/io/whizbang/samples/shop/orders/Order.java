package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.Applies;
import io.whizbang.annotations.EventSourced;
import java.util.List;

/**
 * An order's state, folded from its stream ({@code orders.Order-<id>}) by the generated {@code Order_AggregateType}.
 *
 * @param status {@code NEW} before the first event
 */
@EventSourced
public record Order(String id, Status status, List<OrderLine> lines) {

  /** Where an order is in its life. */
  public enum Status { NEW, PLACED, CANCELLED }

  static Order initial(String id) {
    return new Order(id, Status.NEW, List.of());
  }

  @Applies
  Order on(OrderPlaced e) {
    return new Order(id, Status.PLACED, e.lines());
  }

  @Applies
  Order on(OrderCancelled e) {
    return new Order(id, Status.CANCELLED, lines);
  }
}

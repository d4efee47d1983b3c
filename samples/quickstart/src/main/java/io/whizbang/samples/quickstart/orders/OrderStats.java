package io.whizbang.samples.quickstart.orders;

import io.whizbang.annotations.Handles;
import io.whizbang.annotations.Projection;
import java.math.BigDecimal;

/** A read model folded from the orders domain's events: how many orders, and their total value. */
@Projection(name = "order-stats", source = "orders")
public final class OrderStats {

  private long orders;
  private BigDecimal revenue = BigDecimal.ZERO;

  @Handles
  void on(OrderPlaced event) {
    orders++;
    revenue = revenue.add(event.total());
  }

  public long orders() {
    return orders;
  }

  public BigDecimal revenue() {
    return revenue;
  }
}

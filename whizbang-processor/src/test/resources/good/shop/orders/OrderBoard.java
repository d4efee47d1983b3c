package shop.orders;

import io.whizbang.annotations.Handles;
import io.whizbang.annotations.Projection;

@Projection(name = "order-board", source = "orders")
public final class OrderBoard {
  @Handles
  void on(OrderPlaced event) {}
}

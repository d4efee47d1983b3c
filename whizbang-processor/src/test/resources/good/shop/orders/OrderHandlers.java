package shop.orders;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.dispatch.HandlerContext;

public final class OrderHandlers {
  @Handles
  void place(PlaceOrder command, HandlerContext context) {}
}

package shop.shipping;

import io.whizbang.annotations.Handles;
import shop.orders.OrderPlaced;

public final class ShippingHandlers {
  @Handles
  public void on(OrderPlaced event) {}
}

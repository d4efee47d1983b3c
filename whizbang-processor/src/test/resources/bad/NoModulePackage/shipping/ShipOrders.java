package shipping;

import io.whizbang.annotations.Handles;
import orders.OrderPlaced;

public final class ShipOrders {
  @Handles
  public void on(OrderPlaced event) {}
}

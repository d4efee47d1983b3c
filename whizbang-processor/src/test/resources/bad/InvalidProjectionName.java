package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.Projection;

@Projection(name = "Order List", source = "orders")
public final class InvalidProjectionName {
  @OwnedBy("orders")
  public record OrderPlaced(String id) implements Event {}

  @Handles
  void on(OrderPlaced event) {}
}

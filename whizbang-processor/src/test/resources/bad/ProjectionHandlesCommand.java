package test;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.Projection;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = "orders")
@Projection(name = "order-list", source = "orders")
public final class ProjectionHandlesCommand {
  @OwnedBy("orders")
  public record PlaceOrder(String id) implements Command {}

  @Handles
  void on(PlaceOrder command) {}
}

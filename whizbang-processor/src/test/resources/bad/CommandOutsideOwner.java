package test;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "shipping", owns = "shipping")
public final class CommandOutsideOwner {
  @OwnedBy("orders")
  public record PlaceOrder(String id) implements Command {}

  @Handles
  void place(PlaceOrder command) {}
}

package test;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;

public final class CommandWithoutService {
  @OwnedBy("orders")
  public record PlaceOrder(String id) implements Command {}

  @Handles
  void place(PlaceOrder command) {}
}

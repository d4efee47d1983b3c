package test;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = "orders")
public final class CommandHandledTwice {
  @OwnedBy("orders")
  public record PlaceOrder(String id) implements Command {}

  static final class First {
    @Handles
    void place(PlaceOrder command) {}
  }

  static final class Second {
    @Handles
    void placeAgain(PlaceOrder command) {}
  }
}

package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;

public final class HandlerInLocalClass {
  @OwnedBy("orders")
  public record OrderPlaced(String id) implements Event {}

  Object handlers() {
    final class Local {
      @Handles
      void on(OrderPlaced event) {}
    }
    return new Local();
  }
}

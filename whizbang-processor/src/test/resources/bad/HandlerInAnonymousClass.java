package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;

public final class HandlerInAnonymousClass {
  @OwnedBy("orders")
  public record OrderPlaced(String id) implements Event {}

  Object handlers = new Object() {
    @Handles
    void on(OrderPlaced event) {}
  };
}

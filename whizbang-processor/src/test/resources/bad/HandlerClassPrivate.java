package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;

public final class HandlerClassPrivate {
  @OwnedBy("orders")
  public record OrderPlaced(String id) implements Event {}

  private static final class Hidden {
    @Handles
    void on(OrderPlaced event) {}
  }
}

package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;

public final class HandlerClassInner {
  @OwnedBy("orders")
  public record OrderPlaced(String id) implements Event {}

  final class Inner {
    @Handles
    void on(OrderPlaced event) {}
  }
}

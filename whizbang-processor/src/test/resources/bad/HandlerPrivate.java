package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;

public final class HandlerPrivate {
  @OwnedBy("orders")
  public record OrderPlaced(String id) implements Event {}

  @Handles
  private void on(OrderPlaced event) {}
}

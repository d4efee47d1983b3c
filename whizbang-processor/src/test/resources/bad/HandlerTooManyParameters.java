package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.runtime.dispatch.HandlerContext;

public final class HandlerTooManyParameters {
  @OwnedBy("orders")
  public record OrderPlaced(String id) implements Event {}

  @Handles
  void on(OrderPlaced event, HandlerContext context, String extra) {}
}

package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;

public abstract class HandlerClassAbstract {
  @OwnedBy("orders")
  public record OrderPlaced(String id) implements Event {}

  @Handles
  void on(OrderPlaced event) {}
}

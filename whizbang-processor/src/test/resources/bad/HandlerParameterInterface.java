package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;

public final class HandlerParameterInterface {
  @OwnedBy("orders")
  public sealed interface OrderEvent extends Event permits OrderPlaced {}

  @OwnedBy("orders")
  public record OrderPlaced(String id) implements OrderEvent {}

  @Handles
  void on(OrderPlaced event) {}

  @Handles
  void onAny(OrderEvent event) {}
}

package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.WireName;

@OwnedBy("orders")
public final class DuplicateWireNames {
  public record OrderPlaced(String id) implements Event {}

  @WireName("orders.OrderPlaced")
  public record OrderWasPlaced(String id) implements Event {}
}

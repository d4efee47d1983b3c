package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.MessageVersion;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.Upcasts;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = "orders")
public final class VersionBelowOne {
  @MessageVersion(0)
  @OwnedBy("orders")
  public record OrderPlaced(String orderId) implements Event {}
}

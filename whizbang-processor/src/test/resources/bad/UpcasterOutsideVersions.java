package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.MessageVersion;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.Upcasts;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = "orders")
public final class UpcasterOutsideVersions {
  @OwnedBy("orders")
  public record OrderPlaced(String orderId) implements Event {}

  static final class Migrations {
    @Upcasts
    static OrderPlaced from(String orderId) {
      return new OrderPlaced(orderId);
    }
  }
}

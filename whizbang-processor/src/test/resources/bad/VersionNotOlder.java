package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.MessageVersion;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.Upcasts;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = "orders")
public final class VersionNotOlder {
  @MessageVersion(2)
  @OwnedBy("orders")
  public record OrderPlaced(String orderId, String currency) implements Event {
    @Upcasts
    static OrderPlaced from(OrderPlacedV1 old) {
      return new OrderPlaced(old.orderId(), "EUR");
    }
  }

  @MessageVersion(value = 1, of = OrderPlaced.class)
  public record OrderPlacedV1(String orderId) {}

  @MessageVersion(value = 2, of = OrderPlaced.class)
  public record OrderPlacedV2(String orderId) {}
}

package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.MessageVersion;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.Upcasts;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = "orders")
public final class UpcasterWrongParameter {
  @MessageVersion(2)
  @OwnedBy("orders")
  public record OrderPlaced(String orderId, String currency) implements Event {
    @Upcasts
    static OrderPlaced from(Draft old) {
      return new OrderPlaced(old.orderId(), "EUR");
    }
  }

  @MessageVersion(value = 1, of = OrderPlaced.class)
  public record OrderPlacedV1(String orderId) {}

  public record Draft(String orderId) {}
}

package test;

import io.whizbang.annotations.Applies;
import io.whizbang.annotations.Event;
import io.whizbang.annotations.EventSourced;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.PartitionKey;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = "orders")
public final class ApplierStatic {
  @OwnedBy("orders")
  public record OrderPlaced(@PartitionKey String orderId, long total) implements Event {}

  @OwnedBy("orders")
  public record OrderShipped(@PartitionKey String orderId) implements Event {}

  @EventSourced
  public record Order(String id, long total) {
    static Order initial(String id) {
      return new Order(id, 0);
    }

    @Applies
    static Order on(OrderPlaced event) {
      return new Order(event.orderId(), event.total());
    }
  }
}

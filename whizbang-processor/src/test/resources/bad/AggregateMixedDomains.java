package test;

import io.whizbang.annotations.Applies;
import io.whizbang.annotations.Event;
import io.whizbang.annotations.EventSourced;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.PartitionKey;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = {"orders", "shipping"})
public final class AggregateMixedDomains {
  @OwnedBy("orders")
  public record OrderPlaced(@PartitionKey String orderId, long total) implements Event {}

  @OwnedBy("orders")
  public record OrderShipped(@PartitionKey String orderId) implements Event {}

  @OwnedBy("shipping")
  public record ParcelSent(@PartitionKey String orderId) implements Event {}

  @EventSourced
  public record Order(String id, long total) {
    static Order initial(String id) {
      return new Order(id, 0);
    }

    @Applies
    Order on(OrderPlaced event) {
      return new Order(id, event.total());
    }

    @Applies
    Order on(ParcelSent event) {
      return this;
    }
  }
}

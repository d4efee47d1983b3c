package test;

import io.whizbang.annotations.Applies;
import io.whizbang.annotations.Event;
import io.whizbang.annotations.EventSourced;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.PartitionKey;
import io.whizbang.annotations.TimeToLive;
import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "orders", owns = "orders")
public final class AggregateEventWithTimeToLive {
  @OwnedBy("orders")
  @TimeToLive("PT5M")
  public record QuoteOffered(@PartitionKey String orderId, long total) implements Event {}

  @EventSourced
  public record Order(String id, long total) {
    static Order initial(String id) {
      return new Order(id, 0);
    }

    @Applies
    Order on(QuoteOffered e) {
      return new Order(id, e.total());
    }
  }
}

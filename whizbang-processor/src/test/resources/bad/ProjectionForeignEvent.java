package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.Handles;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.Projection;

@Projection(name = "order-list", source = "orders")
public final class ProjectionForeignEvent {
  @OwnedBy("shipping")
  public record ParcelShipped(String id) implements Event {}

  @Handles
  void on(ParcelShipped event) {}
}

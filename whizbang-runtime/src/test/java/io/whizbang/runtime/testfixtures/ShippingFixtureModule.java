package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.testfixtures.Messages.OrderShipped;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import java.util.List;

/** Stand-in for the generated module of the "shipping" service. */
public final class ShippingFixtureModule implements WhizbangModule {
  public static final MessageType<ShipOrder> SHIP_ORDER =
      MessageType.command("shipping.ShipOrder", "shipping", ShipOrder.class, FixtureCodecs.SHIP_ORDER,
          ShipOrder::orderId);
  public static final MessageType<OrderShipped> ORDER_SHIPPED =
      MessageType.event("shipping.OrderShipped", "shipping", OrderShipped.class, FixtureCodecs.ORDER_SHIPPED,
          OrderShipped::orderId);

  @Override
  public String name() {
    return "shipping";
  }

  @Override
  public List<String> ownedDomains() {
    return List.of("shipping");
  }

  @Override
  public List<MessageType<?>> messageTypes() {
    return List.of(SHIP_ORDER, ORDER_SHIPPED);
  }
}

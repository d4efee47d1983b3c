package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import java.util.List;

/** Stand-in for the generated module of the "orders" service. */
public final class OrdersFixtureModule implements WhizbangModule {
  public static final MessageType<PlaceOrder> PLACE_ORDER =
      MessageType.command("orders.PlaceOrder", "orders", PlaceOrder.class, FixtureCodecs.PLACE_ORDER,
          PlaceOrder::orderId);
  public static final MessageType<OrderPlaced> ORDER_PLACED =
      new MessageType<>("orders.OrderPlaced", "orders", MessageType.Kind.EVENT,
          OrderPlaced.class, FixtureCodecs.ORDER_PLACED, OrderPlaced::orderId, 3);

  @Override
  public String name() {
    return "orders";
  }

  @Override
  public List<String> ownedDomains() {
    return List.of("orders");
  }

  @Override
  public List<MessageType<?>> messageTypes() {
    return List.of(PLACE_ORDER, ORDER_PLACED);
  }
}

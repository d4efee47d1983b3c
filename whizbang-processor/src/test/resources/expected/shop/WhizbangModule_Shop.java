package shop;

import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;
import shop.orders.OrderBoard;
import shop.orders.OrderBoard_Dispatcher;
import shop.orders.OrderHandlers;
import shop.orders.OrderHandlers_Dispatcher;
import shop.orders.OrderPlaced;
import shop.orders.OrderPlaced_JsonCodec;
import shop.orders.PlaceOrder;
import shop.orders.PlaceOrder_JsonCodec;
import shop.shipping.ShippingHandlers;
import shop.shipping.ShippingHandlers_Dispatcher;

/**
 * The message types and handlers of {@code shop}. Found by {@link java.util.ServiceLoader}
 * or passed to the builder explicitly; bind handler instances with {@link #handlers}.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class WhizbangModule_Shop implements WhizbangModule {
  private static final List<MessageType<?>> MESSAGE_TYPES = List.of(
      MessageType.command("orders.PlaceOrder", "orders", PlaceOrder.class, PlaceOrder_JsonCodec.INSTANCE, message -> Objects.toString(message.orderId(), null))
          .withPriority(7)
          .withTimeToLive(Duration.parse("PT30M")),
      MessageType.event("orders.OrderPlaced", "orders", OrderPlaced.class, OrderPlaced_JsonCodec.INSTANCE, message -> Objects.toString(message.orderId(), null)));

  @Override
  public String name() {
    return "shop";
  }

  @Override
  public List<String> ownedDomains() {
    return List.of("orders");
  }

  @Override
  public List<MessageType<?>> messageTypes() {
    return MESSAGE_TYPES;
  }

  /**
   * Binds one instance of each handler class of this compilation to its generated dispatcher.
   */
  public static HandlerSet handlers(OrderHandlers orderHandlers, OrderBoard orderBoard,
      ShippingHandlers shippingHandlers) {
    return HandlerSet.of(List.of(
          new OrderHandlers_Dispatcher(orderHandlers),
          new OrderBoard_Dispatcher(orderBoard),
          new ShippingHandlers_Dispatcher(shippingHandlers)));
  }
}

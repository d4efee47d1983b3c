package shop.shipping;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.generated.MessageVersions;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.Generated;
import shop.orders.OrderPlaced_JsonCodec;

/**
 * Dispatches messages to {@link ShippingHandlers}: decodes each payload with the message's generated codec
 * and calls the handler method directly.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class ShippingHandlers_Dispatcher implements MessageDispatcher {
  private static final Set<String> WIRE_NAMES = Set.of("orders.OrderPlaced");

  private final ShippingHandlers handlers;

  public ShippingHandlers_Dispatcher(ShippingHandlers handlers) {
    this.handlers = Objects.requireNonNull(handlers, "handlers");
  }

  @Override
  public String handlerName() {
    return "shop.shipping.ShippingHandlers";
  }

  @Override
  public Set<String> wireNames() {
    return WIRE_NAMES;
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    switch (envelope.wireName()) {
      case "orders.OrderPlaced" -> handlers.on(MessageVersions.decode(OrderPlaced_JsonCodec.INSTANCE, envelope));
      default -> throw new UnknownMessageTypeException("ShippingHandlers does not handle '" + envelope.wireName() + "'; it handles " + WIRE_NAMES);
    }
  }
}

package shop.orders;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.generated.MessageVersions;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * Dispatches messages to {@link OrderHandlers}: decodes each payload with the message's generated codec
 * and calls the handler method directly.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class OrderHandlers_Dispatcher implements MessageDispatcher {
  private static final Set<String> WIRE_NAMES = Set.of("orders.PlaceOrder");

  private final OrderHandlers handlers;

  public OrderHandlers_Dispatcher(OrderHandlers handlers) {
    this.handlers = Objects.requireNonNull(handlers, "handlers");
  }

  @Override
  public String handlerName() {
    return "shop.orders.OrderHandlers";
  }

  @Override
  public Set<String> wireNames() {
    return WIRE_NAMES;
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    switch (envelope.wireName()) {
      case "orders.PlaceOrder" -> handlers.place(MessageVersions.decode(PlaceOrder_JsonCodec.INSTANCE, envelope), context);
      default -> throw new UnknownMessageTypeException("OrderHandlers does not handle '" + envelope.wireName() + "'; it handles " + WIRE_NAMES);
    }
  }
}

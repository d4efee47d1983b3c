package shop.orders;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.generated.MessageVersions;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * Dispatches messages to {@link OrderBoard}: decodes each payload with the message's generated codec
 * and calls the handler method directly.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class OrderBoard_Dispatcher implements ProjectionDispatcher {
  private static final Set<String> WIRE_NAMES = Set.of("orders.OrderPlaced");

  private final OrderBoard handlers;

  public OrderBoard_Dispatcher(OrderBoard handlers) {
    this.handlers = Objects.requireNonNull(handlers, "handlers");
  }

  @Override
  public String handlerName() {
    return "shop.orders.OrderBoard";
  }

  @Override
  public String projectionName() {
    return "order-board";
  }

  @Override
  public String sourceDomain() {
    return "orders";
  }

  @Override
  public Set<String> wireNames() {
    return WIRE_NAMES;
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    switch (envelope.wireName()) {
      case "orders.OrderPlaced" -> handlers.on(MessageVersions.decode(OrderPlaced_JsonCodec.INSTANCE, envelope));
      default -> throw new UnknownMessageTypeException("OrderBoard does not handle '" + envelope.wireName() + "'; it handles " + WIRE_NAMES);
    }
  }
}

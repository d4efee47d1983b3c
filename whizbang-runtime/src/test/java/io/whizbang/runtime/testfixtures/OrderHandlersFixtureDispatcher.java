package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import java.util.Set;

/** Stand-in for the generated dispatcher of {@link OrderHandlers}. */
public final class OrderHandlersFixtureDispatcher implements MessageDispatcher {
  private final OrderHandlers handlers;

  public OrderHandlersFixtureDispatcher(OrderHandlers handlers) {
    this.handlers = handlers;
  }

  @Override
  public String handlerName() {
    return OrderHandlers.NAME;
  }

  @Override
  public Set<String> wireNames() {
    return Set.of("orders.PlaceOrder");
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    switch (envelope.wireName()) {
      case "orders.PlaceOrder" -> handlers.on(FixtureCodecs.read(FixtureCodecs.PLACE_ORDER, envelope.payload()),
          context);
      default -> throw new UnknownMessageTypeException(handlerName() + " does not handle " + envelope.wireName());
    }
  }
}

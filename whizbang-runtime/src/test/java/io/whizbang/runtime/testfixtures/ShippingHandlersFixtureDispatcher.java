package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import java.util.Set;

/** Stand-in for the generated dispatcher of {@link ShippingHandlers}. */
public final class ShippingHandlersFixtureDispatcher implements MessageDispatcher {
  private final ShippingHandlers handlers;

  public ShippingHandlersFixtureDispatcher(ShippingHandlers handlers) {
    this.handlers = handlers;
  }

  @Override
  public String handlerName() {
    return ShippingHandlers.NAME;
  }

  @Override
  public Set<String> wireNames() {
    return Set.of("shipping.ShipOrder", "orders.OrderPlaced");
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    switch (envelope.wireName()) {
      case "shipping.ShipOrder" -> handlers.on(FixtureCodecs.read(FixtureCodecs.SHIP_ORDER, envelope.payload()),
          context);
      case "orders.OrderPlaced" -> handlers.on(FixtureCodecs.read(FixtureCodecs.ORDER_PLACED, envelope.payload()),
          context);
      default -> throw new UnknownMessageTypeException(handlerName() + " does not handle " + envelope.wireName());
    }
  }
}

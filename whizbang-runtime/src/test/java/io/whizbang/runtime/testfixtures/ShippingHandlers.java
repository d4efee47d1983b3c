package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.OrderShipped;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;

/** The "shipping" service's handler class: ships orders, and watches orders being placed. */
public final class ShippingHandlers {
  public static final String NAME = "shipping-handlers";

  private final Journal journal;

  public ShippingHandlers(Journal journal) {
    this.journal = journal;
  }

  void on(ShipOrder command, HandlerContext context) {
    journal.add(NAME, context.envelope(), command);
    context.publish(new OrderShipped(command.orderId(), "parcel-co"));
  }

  void on(OrderPlaced event, HandlerContext context) {
    journal.add(NAME, context.envelope(), event);
  }
}

package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.testfixtures.Messages.OrderPlaced;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.Messages.ShipOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The "orders" service's handler class: places the order, announces it and asks shipping to ship it. */
public final class OrderHandlers {
  public static final String NAME = "orders-handlers";

  private final Journal journal;
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

  public OrderHandlers(Journal journal) {
    this.journal = journal;
  }

  /** The next {@code times} attempts at {@code orderId} throw, after sending their messages. */
  public OrderHandlers failFirst(String orderId, int times) {
    failuresLeft.put(orderId, new AtomicInteger(times));
    return this;
  }

  void on(PlaceOrder command, HandlerContext context) {
    journal.add(NAME, context.envelope(), command);
    context.publish(new OrderPlaced(command.orderId(), command.customer(), command.seq()));
    context.send(new ShipOrder(command.orderId()));
    AtomicInteger left = failuresLeft.get(command.orderId());
    if (left != null && left.getAndDecrement() > 0) {
      throw new IllegalStateException("simulated failure placing " + command.orderId());
    }
  }
}

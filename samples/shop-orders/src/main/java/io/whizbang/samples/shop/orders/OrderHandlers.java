package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.aggregate.Aggregate;
import io.whizbang.runtime.aggregate.AggregateRepository;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.storage.SqlStorage;
import java.math.BigDecimal;
import java.time.Clock;

/**
 * The one handler of the orders commands. Each command is handled in its inbox transaction: the order is loaded
 * from its stream, and the events it raises are appended to the event store and written to the outbox on the same
 * connection, so the command, the events and the outgoing messages commit (or roll back) together.
 */
public final class OrderHandlers {

  private final AggregateRepository<Order> orders;
  private final Clock clock;

  /** Handlers saving orders in {@code storage} (the orders service's tables). */
  public OrderHandlers(SqlStorage storage, Clock clock) {
    this.orders = new AggregateRepository<>(storage, new Order_AggregateType());
    this.clock = clock;
  }

  @Handles
  void place(PlaceOrder command, HandlerContext context) {
    if (command.lines().isEmpty()) {
      throw new IllegalArgumentException("Order " + command.orderId() + " has no lines");
    }
    Aggregate<Order> order = orders.load(context.connection(), command.orderId().toString());
    if (!order.isNew()) {
      return; // placed before under the same id: a client retry, already done
    }
    BigDecimal total = command.lines().stream().map(OrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    order.raise(new OrderPlaced(command.orderId(), command.customer(), command.lines(), total, clock.instant()));
    orders.save(context.connection(), order, context.envelope());
  }

  @Handles
  void cancel(CancelOrder command, HandlerContext context) {
    Aggregate<Order> order = orders.load(context.connection(), command.orderId().toString());
    if (order.state().status() != Order.Status.PLACED) {
      return; // unknown or already cancelled: nothing to undo
    }
    order.raise(new OrderCancelled(command.orderId(), order.state().lines(), command.reason(), clock.instant(),
        OrderCancelled.valueOf(order.state().lines())));
    orders.save(context.connection(), order, context.envelope());
  }
}

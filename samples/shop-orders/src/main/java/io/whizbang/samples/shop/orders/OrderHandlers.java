package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.aggregate.Aggregate;
import io.whizbang.runtime.aggregate.AggregateRepository;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.storage.SqlStorage;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The one handler of the orders commands. Each command is handled in its inbox transaction: the order is loaded
 * from its stream, and the events it raises are appended to the event store and written to the outbox on the same
 * connection, so the command, the events and the outgoing messages commit (or roll back) together. With
 * {@link ReviewRequests}, placing an order also schedules a {@link RequestReview} in that transaction, and
 * cancelling it cancels the request if it is not due yet.
 */
public final class OrderHandlers {

  private final AggregateRepository<Order> orders;
  private final Clock clock;
  /** Null: no review is requested. */
  private final ReviewRequests reviews;

  /** Handlers saving orders in {@code storage} (the orders service's tables), requesting no reviews. */
  public OrderHandlers(SqlStorage storage, Clock clock) {
    this(storage, clock, null);
  }

  /** Handlers that also schedule a review request per order, kept in {@code reviews}. */
  public OrderHandlers(SqlStorage storage, Clock clock, ReviewRequests reviews) {
    this.orders = new AggregateRepository<>(storage, new Order_AggregateType());
    this.clock = clock;
    this.reviews = reviews;
  }

  @Handles
  void place(PlaceOrder command, HandlerContext context) throws SQLException {
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
    if (reviews != null) {
      ScheduledMessage request = context.send(new RequestReview(command.orderId()),
          SendOptions.defaults().deliverAfter(reviews.delay()));
      reviews.scheduled(context.connection(), command.orderId(), request);
    }
  }

  @Handles
  void cancel(CancelOrder command, HandlerContext context) throws SQLException {
    Aggregate<Order> order = orders.load(context.connection(), command.orderId().toString());
    if (order.state().status() != Order.Status.PLACED) {
      return; // unknown or already cancelled: nothing to undo
    }
    order.raise(new OrderCancelled(command.orderId(), order.state().lines(), command.reason(), clock.instant(),
        OrderCancelled.valueOf(order.state().lines())));
    orders.save(context.connection(), order, context.envelope());
    ScheduledMessage request = reviews == null ? null : reviews.of(context.connection(), command.orderId());
    if (request != null && context.cancel(request)) {
      reviews.cancelled(context.connection(), command.orderId());
    }
  }

  @Handles
  void requestReview(RequestReview command, HandlerContext context) throws SQLException {
    if (reviews != null) {
      reviews.delivered(context.connection(), command.orderId());   // the shop would e-mail the customer here
    }
  }
}

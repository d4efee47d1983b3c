package io.whizbang.samples.quickstart.orders;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.dispatch.HandlerContext;
import java.math.BigDecimal;
import java.time.Clock;

/** Places orders: the one handler of PlaceOrder, in the service that owns the orders domain. */
public final class OrderHandlers {

  private final Clock clock;

  public OrderHandlers(Clock clock) {
    this.clock = clock;
  }

  @Handles
  void place(PlaceOrder command, HandlerContext context) {
    BigDecimal total = command.lines().stream().map(OrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    context.publish(new OrderPlaced(command.orderId(), command.customer(), command.lines(), total,
        clock.instant(), OrderStatus.PLACED));
  }
}

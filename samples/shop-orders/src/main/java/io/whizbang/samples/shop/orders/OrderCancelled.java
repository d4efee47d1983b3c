package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.MessageVersion;
import io.whizbang.annotations.PartitionKey;
import io.whizbang.annotations.Upcasts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An accepted order was cancelled; its lines say which reservations to release, {@code refund} what the customer
 * gets back. Version 2: version 1 ({@link OrderCancelledV1}, without the refund) is still in the event store, and
 * reads as version 2 through {@link #from(OrderCancelledV1)}.
 */
@MessageVersion(2)
public record OrderCancelled(@PartitionKey UUID orderId, List<OrderLine> lines, String reason, Instant cancelledAt,
    BigDecimal refund) implements Event {

  /** Before version 2 every cancelled order was refunded in full: the refund is the lines' value. */
  @Upcasts
  static OrderCancelled from(OrderCancelledV1 old) {
    return new OrderCancelled(old.orderId(), old.lines(), old.reason(), old.cancelledAt(), valueOf(old.lines()));
  }

  /** The value of {@code lines}, the full refund. */
  static BigDecimal valueOf(List<OrderLine> lines) {
    return lines.stream().map(OrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}

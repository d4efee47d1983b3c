package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.MessageVersion;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Version 1 of {@link OrderCancelled}, as the events stored before the refund was recorded hold it. */
@MessageVersion(value = 1, of = OrderCancelled.class)
public record OrderCancelledV1(UUID orderId, List<OrderLine> lines, String reason, Instant cancelledAt) {}

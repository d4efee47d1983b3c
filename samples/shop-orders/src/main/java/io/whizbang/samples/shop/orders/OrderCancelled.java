package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An accepted order was cancelled; its lines say which reservations to release. */
public record OrderCancelled(@PartitionKey UUID orderId, List<OrderLine> lines, String reason, Instant cancelledAt)
    implements Event {}

package io.whizbang.samples.quickstart.orders;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order was accepted. */
public record OrderPlaced(
    @PartitionKey UUID orderId,
    String customer,
    List<OrderLine> lines,
    BigDecimal total,
    Instant placedAt,
    OrderStatus status) implements Event {}

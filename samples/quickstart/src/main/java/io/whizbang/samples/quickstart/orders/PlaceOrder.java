package io.whizbang.samples.quickstart.orders;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.PartitionKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Asks the orders domain to place an order. */
public record PlaceOrder(@PartitionKey UUID orderId, String customer, List<OrderLine> lines, Optional<String> note)
    implements Command {}

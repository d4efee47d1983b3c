package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.PartitionKey;
import java.util.UUID;

/** Asks the orders service to cancel an order it accepted. */
public record CancelOrder(@PartitionKey UUID orderId, String reason) implements Command {}

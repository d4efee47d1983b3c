package io.whizbang.samples.shop.orders;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.PartitionKey;
import java.util.List;
import java.util.UUID;

/** Asks the orders service to accept an order; the order id is chosen by the caller, so a retry is harmless. */
public record PlaceOrder(@PartitionKey UUID orderId, String customer, List<OrderLine> lines) implements Command {}

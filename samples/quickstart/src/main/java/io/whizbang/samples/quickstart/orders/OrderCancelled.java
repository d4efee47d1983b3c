package io.whizbang.samples.quickstart.orders;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import java.util.UUID;

/** A placed order was cancelled. */
public record OrderCancelled(@PartitionKey UUID orderId, String reason) implements Event {}

package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.PartitionKey;

@OwnedBy("orders")
public record PartitionKeyTwice(@PartitionKey String orderId, @PartitionKey String customerId) implements Event {}

package test;

import io.whizbang.annotations.PartitionKey;

public record PartitionKeyOutsideMessage(@PartitionKey String orderId, int quantity) {}

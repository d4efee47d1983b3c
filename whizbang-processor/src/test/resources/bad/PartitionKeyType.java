package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.PartitionKey;

@OwnedBy("orders")
public record PartitionKeyType(@PartitionKey double weight) implements Event {}

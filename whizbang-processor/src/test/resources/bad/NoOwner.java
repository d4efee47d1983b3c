package test;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;

public record NoOwner(@PartitionKey String id) implements Event {}

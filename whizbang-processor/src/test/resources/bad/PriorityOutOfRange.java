package test;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.OwnedBy;
import io.whizbang.annotations.Priority;

@OwnedBy("orders")
@Priority(12)
public record PriorityOutOfRange(String id) implements Command {}

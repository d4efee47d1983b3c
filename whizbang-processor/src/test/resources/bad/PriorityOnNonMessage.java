package test;

import io.whizbang.annotations.Priority;

@Priority(5)
public record PriorityOnNonMessage(String id) {}

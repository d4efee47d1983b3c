package io.whizbang.benchmarks.inbox;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;

/** The consumed message: step {@code seq} of key {@code key}. */
public record StepRecorded(@PartitionKey String key, int seq) implements Event {}

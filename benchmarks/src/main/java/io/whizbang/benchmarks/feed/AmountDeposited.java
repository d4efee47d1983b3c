package io.whizbang.benchmarks.feed;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;

/** The replayed event: deposit {@code seq} of {@code amount} to {@code account}. */
public record AmountDeposited(@PartitionKey String account, long seq, long amount) implements Event {}

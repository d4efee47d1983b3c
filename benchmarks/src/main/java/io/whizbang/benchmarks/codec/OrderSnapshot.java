package io.whizbang.benchmarks.codec;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import java.time.Instant;
import java.util.UUID;

/** The benchmarked message: eight components, one of them a nested record. */
public record OrderSnapshot(
    @PartitionKey UUID orderId,
    String customer,
    long sequence,
    int quantity,
    double amount,
    boolean express,
    Instant placedAt,
    Address shipTo) implements Event {}

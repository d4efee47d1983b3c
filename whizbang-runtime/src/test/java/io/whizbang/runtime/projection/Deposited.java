package io.whizbang.runtime.projection;

/** The test event, as a record the processor would generate a codec for. */
record Deposited(String account, long seq, long amount) {}

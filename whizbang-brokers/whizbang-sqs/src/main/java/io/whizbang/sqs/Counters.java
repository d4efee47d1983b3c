package io.whizbang.sqs;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link SqsStats}. */
final class Counters {
  final LongAdder sendCalls = new LongAdder();
  final LongAdder sentMessages = new LongAdder();
  final LongAdder receiveCalls = new LongAdder();
  final LongAdder receivedMessages = new LongAdder();
  final LongAdder emptyReceives = new LongAdder();
  final LongAdder deleteCalls = new LongAdder();
  final LongAdder visibilityExtensions = new LongAdder();

  SqsStats snapshot() {
    return new SqsStats(sendCalls.sum(), sentMessages.sum(), receiveCalls.sum(), receivedMessages.sum(),
        emptyReceives.sum(), deleteCalls.sum(), visibilityExtensions.sum());
  }
}

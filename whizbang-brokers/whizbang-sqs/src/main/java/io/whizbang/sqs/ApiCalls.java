package io.whizbang.sqs;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SQS/SNS API calls a transport made since it started, reported in {@code TransportStats.details()} under these
 * field names: how well batching works under load is {@code sentMessages / sendCalls} and
 * {@code receivedMessages / receiveCalls}.
 */
final class ApiCalls {
  /** SendMessageBatch and PublishBatch calls. */
  final LongAdder sendCalls = new LongAdder();
  /** Batch entries those calls accepted. */
  final LongAdder sentMessages = new LongAdder();
  /** ReceiveMessage calls that returned at least one message. */
  final LongAdder receiveCalls = new LongAdder();
  /** Messages those calls returned. */
  final LongAdder receivedMessages = new LongAdder();
  /** ReceiveMessage calls that returned nothing (long polls that timed out). */
  final LongAdder emptyReceives = new LongAdder();
  /** DeleteMessageBatch calls. */
  final LongAdder deleteCalls = new LongAdder();
  /** Messages whose visibility timeout was extended while their handler ran. */
  final LongAdder visibilityExtensions = new LongAdder();

  Map<String, Long> snapshot() {
    return Map.of("sendCalls", sendCalls.sum(), "sentMessages", sentMessages.sum(), "receiveCalls",
        receiveCalls.sum(), "receivedMessages", receivedMessages.sum(), "emptyReceives", emptyReceives.sum(),
        "deleteCalls", deleteCalls.sum(), "visibilityExtensions", visibilityExtensions.sum());
  }
}

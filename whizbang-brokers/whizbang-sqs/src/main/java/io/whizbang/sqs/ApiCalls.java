package io.whizbang.sqs;

import io.whizbang.runtime.transport.kit.TransportCounters;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SQS/SNS API calls a transport made since it started, reported in {@code TransportStats.details()} under these
 * field names: how well batching works under load is {@code sentMessages / sendCalls} and
 * {@code receivedMessages / receiveCalls}.
 */
final class ApiCalls extends TransportCounters.Details {
  /** SendMessageBatch and PublishBatch calls. */
  final LongAdder sendCalls = counter("sendCalls");
  /** Batch entries those calls accepted. */
  final LongAdder sentMessages = counter("sentMessages");
  /** ReceiveMessage calls that returned at least one message. */
  final LongAdder receiveCalls = counter("receiveCalls");
  /** Messages those calls returned. */
  final LongAdder receivedMessages = counter("receivedMessages");
  /** ReceiveMessage calls that returned nothing (long polls that timed out). */
  final LongAdder emptyReceives = counter("emptyReceives");
  /** DeleteMessageBatch calls. */
  final LongAdder deleteCalls = counter("deleteCalls");
  /** Messages whose visibility timeout was extended while their handler ran. */
  final LongAdder visibilityExtensions = counter("visibilityExtensions");
}

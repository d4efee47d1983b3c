package io.whizbang.servicebus;

import io.whizbang.runtime.transport.kit.TransportCounters;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what Service Bus was asked, for {@code stats().details()}: how well batching works and what went wrong
 * on the consuming side.
 */
final class SendCounters extends TransportCounters.Details {
  final LongAdder sendCalls = counter("sendCalls");
  final LongAdder sentMessages = counter("sentMessages");
  final LongAdder failedSends = counter("failedSends");
  final LongAdder tooLarge = counter("tooLarge");
  final LongAdder sessionsAccepted = counter("sessionsAccepted");
  final LongAdder abandoned = counter("abandoned");
  final LongAdder deadLettered = counter("deadLettered");
  final LongAdder lockLost = counter("lockLost");
  final LongAdder settleFailures = counter("settleFailures");
}

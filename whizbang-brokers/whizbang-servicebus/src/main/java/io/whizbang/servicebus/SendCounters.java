package io.whizbang.servicebus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what Service Bus was asked, for {@code stats().details()}: how well batching works and what went wrong
 * on the consuming side.
 */
final class SendCounters {
  final LongAdder sendCalls = new LongAdder();
  final LongAdder sentMessages = new LongAdder();
  final LongAdder failedSends = new LongAdder();
  final LongAdder tooLarge = new LongAdder();
  final LongAdder sessionsAccepted = new LongAdder();
  final LongAdder abandoned = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder lockLost = new LongAdder();
  final LongAdder settleFailures = new LongAdder();

  Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("sendCalls", sendCalls.sum());
    m.put("sentMessages", sentMessages.sum());
    m.put("failedSends", failedSends.sum());
    m.put("tooLarge", tooLarge.sum());
    m.put("sessionsAccepted", sessionsAccepted.sum());
    m.put("abandoned", abandoned.sum());
    m.put("deadLettered", deadLettered.sum());
    m.put("lockLost", lockLost.sum());
    m.put("settleFailures", settleFailures.sum());
    return m;
  }
}

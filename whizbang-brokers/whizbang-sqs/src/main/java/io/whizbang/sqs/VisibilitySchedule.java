package io.whizbang.sqs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When the visibility of a message in hand is extended, derived from the visibility timeout so that every allowed
 * timeout (1 s to 12 h) is kept up: each message is extended a third of the timeout after its receipt or its last
 * extension, and the heartbeat looks for due messages ten times per timeout (at least every 100 ms, at most every
 * second). A message is thus extended at the latest after a third of the timeout plus one heartbeat period (433 ms
 * for a 1 s timeout, 11 s for 30 s), leaving the rest of the timeout for the call to reach SQS.
 */
record VisibilitySchedule(Duration timeout) {

  private static final long MIN_TICK_MILLIS = 100;
  private static final long MAX_TICK_MILLIS = 1_000;

  /** How often the heartbeat looks for messages due for an extension. */
  long tickMillis() {
    return Math.max(MIN_TICK_MILLIS, Math.min(MAX_TICK_MILLIS, timeout.toMillis() / 10));
  }

  /**
   * Whether a message last extended (or received) at {@code lastNanos} is due at {@code nowNanos}: a third of the
   * timeout has passed, less half a heartbeat period, so that the tick just before that moment takes it.
   */
  boolean due(long lastNanos, long nowNanos) {
    long every = TimeUnit.MILLISECONDS.toNanos(timeout.toMillis() / 3 - tickMillis() / 2);
    return nowNanos - lastNanos >= every;
  }

  /** The visibility timeout each extension sets, in whole seconds as SQS takes it. */
  int seconds() {
    return (int) timeout.toSeconds();
  }
}

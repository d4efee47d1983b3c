package io.whizbang.rabbitmq;

import java.time.Duration;

/**
 * Rounds release delays up to a 1-2-5 ladder (100 ms, 200 ms, 500 ms, 1 s, 2 s, ...) so that a few delay queues
 * serve every backoff: each delay queue has one fixed TTL, which keeps it first-in first-out.
 */
final class Delays {

  private static final long SMALLEST_MILLIS = 100;
  private static final long LARGEST_MILLIS = Duration.ofDays(1).toMillis();

  private Delays() {}

  static Duration quantize(Duration delay) {
    long wanted = Math.min(Math.max(delay.toMillis(), 1), LARGEST_MILLIS);
    long decade = SMALLEST_MILLIS;
    while (true) {
      for (long step : new long[] {1, 2, 5}) {
        long candidate = decade * step;
        if (candidate >= wanted) {
          return Duration.ofMillis(Math.min(candidate, LARGEST_MILLIS));
        }
      }
      decade *= 10;
    }
  }
}

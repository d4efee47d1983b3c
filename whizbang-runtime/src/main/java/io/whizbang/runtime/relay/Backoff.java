package io.whizbang.runtime.relay;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries of a burst spread out. */
final class Backoff {
  private Backoff() {}

  static long delayMillis(int attempts, long initialMillis, long maxMillis) {
    int shift = Math.min(Math.max(attempts - 1, 0), 30);
    long exponential = Math.min(maxMillis, initialMillis << shift);
    if (exponential < 0) {
      exponential = maxMillis;
    }
    long half = exponential / 2;
    return half + ThreadLocalRandom.current().nextLong(exponential - half + 1);
  }
}

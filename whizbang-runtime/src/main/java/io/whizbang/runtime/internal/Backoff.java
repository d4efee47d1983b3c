package io.whizbang.runtime.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long every retry loop of the library waits after a failure: the inbox's retries ({@link InboxConfig.RetryPolicy}), the
 * relay's publish retries, the feed reader and the projections after a failed request or apply, and the consumer
 * pipeline's redeliveries. The formula, the only one in the library:
 *
 * <pre>
 *   ceiling(n) = min(maxDelay, initialDelay × multiplier^(n−1))     n: the failures so far (1 after the first)
 *   delay(n)   = ceiling(n) × (1 − jitter × u)                      u: uniform random in [0, 1)
 * </pre>
 *
 * <p>Jitter only ever shortens a delay, so {@code maxDelay} is a true upper bound, and failures that happened
 * together (a broker outage fails a whole batch) are retried spread over {@code [(1 − jitter) × ceiling, ceiling]}
 * rather than all at once. {@code jitter} 0 gives the plain exponential delay, 0.5 half fixed and half random.
 *
 * @param initialDelay the delay after the first failure (zero or positive)
 * @param maxDelay the longest delay (at least {@code initialDelay})
 * @param multiplier the growth of the delay per failure (1.0..100.0)
 * @param jitter how much of each delay may be taken off at random, a fraction 0.0..1.0
 */
public record Backoff(Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

  public Backoff {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must not be shorter than initialDelay ("
          + initialDelay + ")");
    }
    if (!(multiplier >= 1.0 && multiplier <= 100.0)) {
      throw new IllegalArgumentException("multiplier must be between 1.0 and 100.0, was " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be a fraction between 0.0 and 1.0, was " + jitter);
    }
  }

  /** {@code initial} doubled per failure up to {@code max}, without jitter. */
  public static Backoff doubling(Duration initial, Duration max) {
    return new Backoff(initial, max, 2.0, 0.0);
  }

  /** A copy with another jitter. */
  public Backoff withJitter(double value) {
    return new Backoff(initialDelay, maxDelay, multiplier, value);
  }

  /** The delay after the {@code failures}-th failure in a row (1-based; below 1 counts as 1), jitter included. */
  public Duration delayAfter(int failures) {
    long ceiling = ceilingMillis(failures);
    if (jitter == 0.0 || ceiling == 0) {
      return Duration.ofMillis(ceiling);
    }
    double cut = jitter * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.round(ceiling * (1.0 - cut)));
  }

  /** The longest {@link #delayAfter} can be for {@code failures}: the delay without jitter. */
  public long ceilingMillis(int failures) {
    double d = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
    return (long) Math.min(d, (double) maxDelay.toMillis());
  }
}

package io.whizbang.runtime.retry;

import io.whizbang.runtime.internal.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How often, and how far apart, a failing message is tried before it is parked as a dead letter. The delay before
 * attempt {@code n + 1} follows the library's one backoff formula: {@code initialDelay × multiplier^(n-1)},
 * capped at {@code maxDelay}, then shortened by up to {@code jitter} (a fraction) so that messages failing together
 * do not retry together.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).initialDelay(Duration.ofMillis(100)).build();
 * }</pre>
 *
 * @param maxAttempts handling attempts before the message is dead-lettered (1..1000; 1 means no retry)
 * @param initialDelay the delay before the second attempt (positive)
 * @param maxDelay the longest delay between two attempts (at least {@code initialDelay})
 * @param multiplier the growth of the delay per attempt (1.0..100.0)
 * @param jitter how much of each delay may be taken off at random, a fraction 0.0..1.0 (0.2: up to 20 % shorter)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

  /** 5 attempts, 200 ms doubling up to 30 s, 20 % jitter: at most 3 s from the first attempt to the dead letter. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(30), 2.0,
      0.2);

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 1000) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 1000, was " + maxAttempts);
    }
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
    }
    new Backoff(initialDelay, maxDelay, multiplier, jitter); // checks the delays, multiplier and jitter
  }

  public static Builder builder() {
    return new Builder(DEFAULT);
  }

  /** A builder starting from this policy's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** True when a message that failed its {@code attempt}-th time (1-based) gets another attempt. */
  public boolean retriesAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /** The delays between attempts. */
  private Backoff backoff() {
    return new Backoff(initialDelay, maxDelay, multiplier, jitter);
  }

  /** The delay after the {@code attempt}-th failure (1-based), jitter included. */
  public Duration delayAfter(int attempt) {
    return backoff().delayAfter(attempt);
  }

  /**
   * The longest time from a message's first attempt to its last (every delay at its longest): how long a redelivery
   * of it may still arrive because of retries. The inbox must keep rows at least this long.
   */
  public Duration retryHorizon() {
    Backoff backoff = backoff();
    long total = 0;
    for (int attempt = 1; attempt < maxAttempts; attempt++) {
      total += backoff.ceilingMillis(attempt);
    }
    return Duration.ofMillis(total);
  }

  /** Fluent construction; {@link #build()} validates. */
  public static final class Builder {
    private int maxAttempts;
    private Duration initialDelay;
    private Duration maxDelay;
    private double multiplier;
    private double jitter;

    private Builder(RetryPolicy from) {
      maxAttempts = from.maxAttempts;
      initialDelay = from.initialDelay;
      maxDelay = from.maxDelay;
      multiplier = from.multiplier;
      jitter = from.jitter;
    }

    public Builder maxAttempts(int value) {
      maxAttempts = value;
      return this;
    }

    public Builder initialDelay(Duration value) {
      initialDelay = value;
      return this;
    }

    public Builder maxDelay(Duration value) {
      maxDelay = value;
      return this;
    }

    public Builder multiplier(double value) {
      multiplier = value;
      return this;
    }

    public Builder jitter(double value) {
      jitter = value;
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(maxAttempts, initialDelay, maxDelay, multiplier, jitter);
    }
  }
}

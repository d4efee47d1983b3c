package io.whizbang.runtime.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often, and how far apart, a failing message is tried before it is parked as a dead letter. The delay before
 * attempt {@code n + 1} is {@code initialDelay × multiplier^(n-1)}, capped at {@code maxDelay}, then spread by
 * {@code ± jitter} (a fraction) so that messages failing together do not retry together.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).initialDelay(Duration.ofMillis(100)).build();
 * }</pre>
 *
 * @param maxAttempts handling attempts before the message is dead-lettered (1..1000; 1 means no retry)
 * @param initialDelay the delay before the second attempt (positive)
 * @param maxDelay the longest delay between two attempts (at least {@code initialDelay})
 * @param multiplier the growth of the delay per attempt (1.0..100.0)
 * @param jitter the random spread of each delay, a fraction 0.0..1.0 (0.2: ±20 %)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

  /** 5 attempts, 200 ms doubling up to 30 s, ±20 % jitter: about 3 s from the first attempt to the dead letter. */
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

  /** The delay after the {@code attempt}-th failure (1-based), jitter included. */
  public Duration delayAfter(int attempt) {
    long base = baseDelayMillis(attempt);
    if (jitter == 0.0 || base == 0) {
      return Duration.ofMillis(base);
    }
    double spread = (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
    return Duration.ofMillis(Math.max(0, Math.round(base * (1 + spread))));
  }

  /**
   * The longest time from a message's first attempt to its last (every delay at its jittered maximum): how long a
   * redelivery of it may still arrive because of retries. The inbox must keep rows at least this long.
   */
  public Duration retryHorizon() {
    double total = 0;
    for (int attempt = 1; attempt < maxAttempts; attempt++) {
      total += baseDelayMillis(attempt) * (1 + jitter);
    }
    return Duration.ofMillis((long) Math.ceil(total));
  }

  private long baseDelayMillis(int attempt) {
    double d = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return (long) Math.min(d, (double) maxDelay.toMillis());
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

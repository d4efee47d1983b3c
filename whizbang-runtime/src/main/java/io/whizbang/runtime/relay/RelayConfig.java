package io.whizbang.runtime.relay;

import io.whizbang.runtime.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Relay} publishes the outbox. Every value is checked when set, with a message that says what is
 * allowed.
 *
 * <pre>{@code
 * RelayConfig config = RelayConfig.builder().publishInterval(Duration.ofMillis(200)).batchSize(100).build();
 * }</pre>
 *
 * @param batchSize rows claimed and published per round (1..10000, default 100)
 * @param publishInterval the fallback poll interval when no commit signal arrives (default 500 ms)
 * @param leaseDuration how long a relay owns its partitions without renewing; a crashed relay's rows are taken
 *     over after at most this long (default 5 s)
 * @param confirmTimeout how long to wait for the broker's confirmations of a batch; must be shorter than the
 *     lease (default 2 s)
 * @param maxAttempts failed publish attempts after which the relay logs a warning that a row still waits (default
 *     10). Unavailability (broker down, timeout, no confirmation) never parks a row, however many attempts it
 *     takes; a permanent refusal ({@link io.whizbang.runtime.transport.PermanentPublishException}) parks it at once
 * @param initialBackoff the delay before the first retry, doubled per attempt, half of it random (default 200 ms;
 *     see {@link #backoff()})
 * @param maxBackoff the longest delay between two attempts (default 60 s)
 * @param cleanupInterval how often published rows are deleted (default 1 s)
 * @param cleanupBatch rows deleted per statement, so no delete holds locks for long (default 1000)
 * @param publishedRetention how long published rows are kept before cleanup (default 0: at the next cleanup)
 * @param listen whether to LISTEN for commits of other processes on PostgreSQL (default true)
 * @param relayId the name of the relays built from this config (default {@code relay}); each {@link Relay} adds a
 *     random suffix of its own ({@link Relay#id()}), so several relays built from one config never share an identity
 *     in the partition lease table
 * @param deadLetterPolicy whether a parked row holds the later rows of its key until it is replayed or discarded
 *     ({@link OutboxDeadLetterPolicy#HOLD_KEY}, the default) or they go on without it
 *     ({@link OutboxDeadLetterPolicy#SKIP}); see {@link OutboxDeadLetters}
 */
public record RelayConfig(
    int batchSize,
    Duration publishInterval,
    Duration leaseDuration,
    Duration confirmTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration cleanupInterval,
    int cleanupBatch,
    Duration publishedRetention,
    boolean listen,
    String relayId,
    OutboxDeadLetterPolicy deadLetterPolicy) {

  public RelayConfig {
    range("batchSize", batchSize, 1, 10_000);
    positive("publishInterval", publishInterval);
    positive("leaseDuration", leaseDuration);
    positive("confirmTimeout", confirmTimeout);
    range("maxAttempts", maxAttempts, 1, 1000);
    positive("initialBackoff", initialBackoff);
    positive("maxBackoff", maxBackoff);
    positive("cleanupInterval", cleanupInterval);
    range("cleanupBatch", cleanupBatch, 1, 100_000);
    Objects.requireNonNull(publishedRetention, "publishedRetention");
    if (publishedRetention.isNegative()) {
      throw new IllegalArgumentException("publishedRetention must not be negative, was " + publishedRetention);
    }
    if (leaseDuration.toMillis() < 100) {
      throw new IllegalArgumentException("leaseDuration must be at least 100 ms, was " + leaseDuration);
    }
    if (confirmTimeout.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException("confirmTimeout (" + confirmTimeout + ") must be shorter than leaseDuration ("
          + leaseDuration + "): a relay must finish a batch while it still owns the partitions");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
          + initialBackoff + ")");
    }
    Objects.requireNonNull(deadLetterPolicy, "deadLetterPolicy");
    Objects.requireNonNull(relayId, "relayId");
    if (relayId.isBlank() || relayId.length() > 90) {
      // 90: the relay table's column holds 100, and each relay adds a suffix of its own.
      throw new IllegalArgumentException("relayId must have 1 to 90 characters, was '" + relayId + "'");
    }
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** The delays between publish attempts of a row: doubling from {@code initialBackoff}, jitter 0.5. */
  public Backoff backoff() {
    return new Backoff(initialBackoff, maxBackoff, 2.0, 0.5);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults as documented on {@link RelayConfig}; {@link #build()} validates. */
  public static final class Builder {
    private int batchSize = 100;
    private Duration publishInterval = Duration.ofMillis(500);
    private Duration leaseDuration = Duration.ofSeconds(5);
    private Duration confirmTimeout = Duration.ofSeconds(2);
    private int maxAttempts = 10;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private Duration cleanupInterval = Duration.ofSeconds(1);
    private int cleanupBatch = 1000;
    private Duration publishedRetention = Duration.ZERO;
    private boolean listen = true;
    private String relayId = "relay";
    private OutboxDeadLetterPolicy deadLetterPolicy = OutboxDeadLetterPolicy.HOLD_KEY;

    private Builder() {}

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder publishInterval(Duration value) {
      publishInterval = value;
      return this;
    }

    public Builder leaseDuration(Duration value) {
      leaseDuration = value;
      return this;
    }

    public Builder confirmTimeout(Duration value) {
      confirmTimeout = value;
      return this;
    }

    public Builder maxAttempts(int value) {
      maxAttempts = value;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      initialBackoff = initial;
      maxBackoff = max;
      return this;
    }

    public Builder cleanupInterval(Duration value) {
      cleanupInterval = value;
      return this;
    }

    public Builder cleanupBatch(int value) {
      cleanupBatch = value;
      return this;
    }

    public Builder publishedRetention(Duration value) {
      publishedRetention = value;
      return this;
    }

    public Builder listen(boolean value) {
      listen = value;
      return this;
    }

    public Builder relayId(String value) {
      relayId = value;
      return this;
    }

    public Builder deadLetterPolicy(OutboxDeadLetterPolicy value) {
      deadLetterPolicy = value;
      return this;
    }

    public RelayConfig build() {
      return new RelayConfig(batchSize, publishInterval, leaseDuration, confirmTimeout, maxAttempts, initialBackoff,
          maxBackoff, cleanupInterval, cleanupBatch, publishedRetention, listen, relayId, deadLetterPolicy);
    }
  }
}

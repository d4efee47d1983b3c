package io.whizbang.runtime.relay;

import io.whizbang.runtime.internal.Backoff;
import io.whizbang.runtime.transport.kit.SettingsCheck;
import java.time.Duration;

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
 * @param initialBackoff the delay before the first retry, doubled per attempt, half of it random (default 200 ms)
 * @param maxBackoff the longest delay between two attempts (default 60 s)
 * @param cleanupInterval how often published rows are deleted (default 1 s)
 * @param cleanupBatch rows deleted per statement, so no delete holds locks for long (default 1000)
 * @param publishedRetention how long published rows are kept before cleanup (default 0: at the next cleanup)
 * @param listen whether to LISTEN for commits of other processes on PostgreSQL (default true)
 * @param relayId the name of the relays built from this config (default {@code relay}); each {@link Relay} adds a
 *     random suffix of its own ({@link Relay#id()}), so several relays built from one config never share an identity
 *     in the partition lease table
 * @param deadLetterPolicy whether a parked row holds the later rows of its key until it is replayed or discarded
 *     ({@link DeadLetterPolicy#HOLD_KEY}, the default) or they go on without it ({@link DeadLetterPolicy#SKIP});
 *     see {@link Relay#deadLetters()}
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
    DeadLetterPolicy deadLetterPolicy) {

  public RelayConfig {
    SettingsCheck check = new SettingsCheck();
    check.range("batchSize", batchSize, 1, 10_000);
    check.positive("publishInterval", publishInterval);
    check.positive("leaseDuration", leaseDuration);
    check.positive("confirmTimeout", confirmTimeout);
    check.range("maxAttempts", maxAttempts, 1, 1000);
    check.positive("initialBackoff", initialBackoff);
    check.positive("maxBackoff", maxBackoff);
    check.positive("cleanupInterval", cleanupInterval);
    check.range("cleanupBatch", cleanupBatch, 1, 100_000);
    check.notNegative("publishedRetention", publishedRetention);
    check.present("deadLetterPolicy", deadLetterPolicy);
    check.throwIfAny(IllegalArgumentException::new);
    // The rules between settings, once each one is known to be there.
    check.require(leaseDuration.toMillis() >= 100, "leaseDuration must be at least 100 ms, was " + leaseDuration);
    check.require(confirmTimeout.compareTo(leaseDuration) < 0, "confirmTimeout (" + confirmTimeout
        + ") must be shorter than leaseDuration (" + leaseDuration + "): a relay must finish a batch while it still"
        + " owns the partitions");
    check.require(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff (" + maxBackoff
        + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
    // 90: the relay table's column holds 100, and each relay adds a suffix of its own.
    check.require(relayId != null && !relayId.isBlank() && relayId.length() <= 90,
        "relayId must have 1 to 90 characters, was " + (relayId == null ? null : "'" + relayId + "'"));
    check.throwIfAny(IllegalArgumentException::new);
  }

  /** The delays between publish attempts of a row: doubling from {@code initialBackoff}, jitter 0.5. */
  Backoff backoff() {
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
    private DeadLetterPolicy deadLetterPolicy = DeadLetterPolicy.HOLD_KEY;

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

    public Builder deadLetterPolicy(DeadLetterPolicy value) {
      deadLetterPolicy = value;
      return this;
    }

    public RelayConfig build() {
      return new RelayConfig(batchSize, publishInterval, leaseDuration, confirmTimeout, maxAttempts, initialBackoff,
          maxBackoff, cleanupInterval, cleanupBatch, publishedRetention, listen, relayId, deadLetterPolicy);
    }
  }

  /** What the relay does with the later rows of a key once one of its rows is parked as an outbox dead letter. */
  public enum DeadLetterPolicy {
    /**
     * The default: the parked row holds every later row of its key on its destination until an operator replays it
     * ({@code DeadLetters.replay}: it is published, then the key flows again) or discards it
     * ({@code DeadLetters.discard}: the key flows on without it). Per-key order is never broken.
     */
    HOLD_KEY,
    /** The later rows of the key are published at once; a replayed dead letter then arrives after them. */
    SKIP
  }
}

package io.whizbang.runtime.inbox;

import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.internal.Backoff;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.kit.SettingsCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link InboxConsumer} retries, parks, batches and cleans up. Every value is checked when the config is
 * built, with a message that says what is allowed.
 *
 * <pre>{@code
 * InboxConfig config = InboxConfig.builder().maxBatch(50)
 *     .retryPolicy(RetryPolicy.builder().maxAttempts(3).build()).build();
 * InboxConsumer consumer = InboxConsumer.builder(storage, "shipping").dispatchers(dispatchers).config(config).build();
 * }</pre>
 *
 * @param retryPolicy the retry policy of every message without an override (default {@link RetryPolicy#DEFAULT})
 * @param retryPolicyByWireName the retry policies of single wire names; they win over a handler's
 * @param retryPolicyByHandler the retry policies of the messages a handler ({@link MessageDispatcher#handlerName()})
 *     handles
 * @param unknownTypes what to do with wire names no handler handles (default {@link UnknownTypePolicy#DEAD_LETTER})
 * @param staleMessages what to do with a message the broker says was published longer ago than
 *     {@code cleanupRetention} and that has no inbox row (a replay from the beginning, an offset reset):
 *     {@link StaleMessagePolicy#DEAD_LETTER} by default, {@link StaleMessagePolicy#APPLY} to re-apply such history on
 *     purpose. Only brokers that report a publish time ({@link Delivery#publishedAt()}: Kafka) are checked
 * @param expiredMessages what to do with a message whose time to live has passed by {@code clock} when it arrives:
 *     {@link ExpiredMessagePolicy#SKIP} (acknowledged unhandled, counted as expired) by default, or
 *     {@link ExpiredMessagePolicy#DEAD_LETTER}
 * @param maxBatch up to this many messages of one delivered batch are handled in one transaction (1..1000, default
 *     1); when one of them fails, the transaction is rolled back and each is handled alone
 * @param maxMessageBytes larger messages are parked undecoded (1 KiB..256 MiB, default 4 MiB)
 * @param maxIdleConnections connections kept open between messages (0..64, default 8)
 * @param cleanupRetention how long inbox rows are kept (default 7 days): a redelivery later than this is no longer
 *     recognised. Must cover the longest retry horizon of the retry policies
 * @param cleanupInterval how often the cleaner deletes expired rows (default 1 minute)
 * @param cleanupBatch rows deleted per cleanup statement (1..100000, default 1000)
 * @param clock the clock of received-at times and of cleanup (tests move it)
 */
public record InboxConfig(
    RetryPolicy retryPolicy,
    Map<String, RetryPolicy> retryPolicyByWireName,
    Map<String, RetryPolicy> retryPolicyByHandler,
    UnknownTypePolicy unknownTypes,
    StaleMessagePolicy staleMessages,
    ExpiredMessagePolicy expiredMessages,
    int maxBatch,
    int maxMessageBytes,
    int maxIdleConnections,
    Duration cleanupRetention,
    Duration cleanupInterval,
    int cleanupBatch,
    Clock clock) {

  /** Inbox rows deleted per cleanup statement unless {@link Builder#cleanup} says otherwise. */
  public static final int DEFAULT_CLEANUP_BATCH = 1000;

  public InboxConfig {
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    retryPolicyByWireName = Map.copyOf(retryPolicyByWireName);
    retryPolicyByHandler = Map.copyOf(retryPolicyByHandler);
    Objects.requireNonNull(unknownTypes, "unknownTypes");
    Objects.requireNonNull(staleMessages, "staleMessages");
    Objects.requireNonNull(expiredMessages, "expiredMessages");
    SettingsCheck check = new SettingsCheck();
    check.range("maxBatch", maxBatch, 1, 1000);
    check.range("maxMessageBytes", maxMessageBytes, 1024, 256 * 1024 * 1024);
    check.range("maxIdleConnections", maxIdleConnections, 0, 64);
    check.positive("cleanupRetention", cleanupRetention);
    check.positive("cleanup interval", cleanupInterval);
    check.range("cleanup batch", cleanupBatch, 1, 100_000);
    check.present("clock", clock);
    check.throwIfAny(IllegalArgumentException::new);
    checkRetention(check, cleanupRetention, "the default retry policy", retryPolicy);
    for (Map.Entry<String, RetryPolicy> e : retryPolicyByWireName.entrySet()) {
      checkRetention(check, cleanupRetention, "the retry policy of " + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, RetryPolicy> e : retryPolicyByHandler.entrySet()) {
      checkRetention(check, cleanupRetention, "the retry policy of handler " + e.getKey(), e.getValue());
    }
    check.throwIfAny(IllegalArgumentException::new);
  }

  /** The defaults documented on {@link InboxConfig}. */
  public static InboxConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this config's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void checkRetention(SettingsCheck check, Duration retention, String which, RetryPolicy policy) {
    Duration horizon = policy.retryHorizon();
    check.require(retention.compareTo(horizon) >= 0, "cleanupRetention (" + retention + ") is shorter than the retry"
        + " horizon of " + which + " (" + horizon + "): a message still being retried could lose its inbox row and be"
        + " applied twice. Raise cleanupRetention to at least " + horizon + " or shorten the policy (maxAttempts,"
        + " maxDelay)");
  }

  /** Defaults as documented on {@link InboxConfig}; {@link #build()} validates. */
  public static final class Builder {
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private final Map<String, RetryPolicy> policyByWireName = new HashMap<>();
    private final Map<String, RetryPolicy> policyByHandler = new HashMap<>();
    private UnknownTypePolicy unknownTypes = UnknownTypePolicy.DEAD_LETTER;
    private StaleMessagePolicy staleMessages = StaleMessagePolicy.DEAD_LETTER;
    private ExpiredMessagePolicy expiredMessages = ExpiredMessagePolicy.SKIP;
    private int maxBatch = 1;
    private int maxMessageBytes = 4 * 1024 * 1024;
    private int maxIdleConnections = 8;
    private Duration cleanupRetention = Duration.ofDays(7);
    private Duration cleanupInterval = Duration.ofMinutes(1);
    private int cleanupBatch = DEFAULT_CLEANUP_BATCH;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    private Builder(InboxConfig from) {
      retryPolicy = from.retryPolicy;
      policyByWireName.putAll(from.retryPolicyByWireName);
      policyByHandler.putAll(from.retryPolicyByHandler);
      unknownTypes = from.unknownTypes;
      staleMessages = from.staleMessages;
      expiredMessages = from.expiredMessages;
      maxBatch = from.maxBatch;
      maxMessageBytes = from.maxMessageBytes;
      maxIdleConnections = from.maxIdleConnections;
      cleanupRetention = from.cleanupRetention;
      cleanupInterval = from.cleanupInterval;
      cleanupBatch = from.cleanupBatch;
      clock = from.clock;
    }

    public Builder retryPolicy(RetryPolicy value) {
      retryPolicy = value;
      return this;
    }

    /** The retry policy of one wire name; wins over a handler's. */
    public Builder retryPolicyForWireName(String wireName, RetryPolicy value) {
      policyByWireName.put(Objects.requireNonNull(wireName, "wireName"), Objects.requireNonNull(value, "policy"));
      return this;
    }

    /** The retry policy of the messages a handler ({@link MessageDispatcher#handlerName()}) handles. */
    public Builder retryPolicyForHandler(String handlerName, RetryPolicy value) {
      policyByHandler.put(Objects.requireNonNull(handlerName, "handlerName"), Objects.requireNonNull(value, "policy"));
      return this;
    }

    public Builder unknownTypes(UnknownTypePolicy value) {
      unknownTypes = value;
      return this;
    }

    public Builder staleMessages(StaleMessagePolicy value) {
      staleMessages = value;
      return this;
    }

    public Builder expiredMessages(ExpiredMessagePolicy value) {
      expiredMessages = value;
      return this;
    }

    public Builder maxBatch(int value) {
      maxBatch = value;
      return this;
    }

    public Builder maxMessageBytes(int value) {
      maxMessageBytes = value;
      return this;
    }

    public Builder maxIdleConnections(int value) {
      maxIdleConnections = value;
      return this;
    }

    public Builder cleanupRetention(Duration value) {
      cleanupRetention = value;
      return this;
    }

    /** How often expired rows are deleted, and how many per statement. */
    public Builder cleanup(Duration interval, int batch) {
      cleanupInterval = interval;
      cleanupBatch = batch;
      return this;
    }

    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    public InboxConfig build() {
      return new InboxConfig(retryPolicy, policyByWireName, policyByHandler, unknownTypes, staleMessages, expiredMessages,
          maxBatch, maxMessageBytes, maxIdleConnections, cleanupRetention, cleanupInterval, cleanupBatch, clock);
    }
  }

  /**
   * What an inbox consumer does with a message the broker says was published longer ago than the inbox retention
   * ({@code cleanupRetention}) and that it has no inbox row for: a replay or redelivery of an old message whose inbox
   * row may have been cleaned up, so applying it could apply it a second time.
   */
  public enum StaleMessagePolicy {
    /**
     * Park it as a dead letter, with its age in the reason, without running a handler (the default). Replaying the
     * dead letter applies it, once.
     */
    DEAD_LETTER,
    /** Apply it (logged with its age): for replays meant to re-apply history, such as rebuilding a new subscriber. */
    APPLY
  }

  /** What an inbox consumer does with a message that arrives after its expiry (its time to live passed). */
  public enum ExpiredMessagePolicy {
    /** Acknowledge it without running a handler, count it ({@code outcome=expired}) and log it (the default). */
    SKIP,
    /** Park it in the dead-letter table without running a handler: replaying the dead letter applies it. */
    DEAD_LETTER
  }

  /** What a consumer does with a message whose wire name none of its handlers handles. */
  public enum UnknownTypePolicy {
    /** Park it in the dead-letter table (the default): nothing is lost, and it can be replayed later. */
    DEAD_LETTER,
    /** Acknowledge it unhandled and count it, for subscribers that knowingly receive more types than they handle. */
    IGNORE
  }

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
}

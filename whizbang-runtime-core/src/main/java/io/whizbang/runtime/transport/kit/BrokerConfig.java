package io.whizbang.runtime.transport.kit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * The settings every broker's configuration has, under one name and one rule each, so that a user who moves from
 * one broker to another keeps them: {@code namePrefix}, {@code provisioning}, {@code maxBatch},
 * {@code operationTimeout}, {@code closeTimeout}, {@code threads} and {@code wireFormat}. A broker's {@code XxxConfig} extends this and
 * its builder extends {@link Builder}, adding what only that broker has:
 *
 * <pre>{@code
 * XxxConfig config = XxxConfig.builder().namePrefix("shop").provisioning(false).maxBatch(20).build();
 * Transport transport = XxxTransport.connect(config);
 * }</pre>
 *
 * A common setting is checked where it is set, through {@link SettingsCheck}, and refused with the broker's own
 * configuration exception naming it. Every broker honours all seven: there is no setting a user can write that a broker
 * then ignores or refuses for being the wrong broker.
 */
public abstract class BrokerConfig {

  /**
   * How a transport lays a message out on the broker. Every transport reads both, whichever it writes, so that the
   * services of one system can change format one at a time ({@code docs/wire-format.md}).
   *
   * <ul>
   *   <li>{@link #WHIZBANG} (the default): the body is the whole envelope as the outbox stored it, sent without
   *       re-serialization; broker headers repeat the envelope's ids for tools.
   *   <li>{@link #CLOUDEVENTS}: CloudEvents 1.0 in binary content mode: the body is the message's JSON (the event's
   *       {@code data}), and the envelope's metadata travels as CloudEvents attributes in the broker's headers,
   *       named as the broker's protocol binding says ({@link CloudEventsBinding}).
   * </ul>
   */
  public enum WireFormat {
    WHIZBANG,
    CLOUDEVENTS
  }

  private final String namePrefix;
  private final boolean provisioning;
  private final int maxBatch;
  private final Duration operationTimeout;
  private final Duration closeTimeout;
  private final ThreadFactory threads;
  private final WireFormat wireFormat;

  protected BrokerConfig(Builder<?> b) {
    namePrefix = b.namePrefix;
    provisioning = b.provisioning;
    maxBatch = b.maxBatch;
    operationTimeout = b.operationTimeout;
    closeTimeout = b.closeTimeout;
    threads = b.threads;
    wireFormat = b.wireFormat;
  }

  /** How messages are laid out on the broker when published; both formats are read either way. */
  public WireFormat wireFormat() {
    return wireFormat;
  }

  /** What starts every name the transport gives a queue, topic or exchange. */
  public String namePrefix() {
    return namePrefix;
  }

  /** Whether the transport creates what is missing; when off, a missing one is an error naming it. */
  public boolean provisioning() {
    return provisioning;
  }

  /** The most deliveries handed to the handler in one call. */
  public int maxBatch() {
    return maxBatch;
  }

  /** The bound of one call to the broker (a check, a declaration, a send or settlement, a lookup). */
  public Duration operationTimeout() {
    return operationTimeout;
  }

  /** How long closing waits for the handler calls in hand and what settles them. */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /** The thread factory given with {@link Builder#threads}, or {@code null} for the transport's own. */
  public ThreadFactory threads() {
    return threads;
  }

  /** The thread factory given, else daemon threads named {@code <name>-<n>} ({@link LaneThreads}). */
  public ThreadFactory threads(String name) {
    return threads != null ? threads : LaneThreads.daemon(name);
  }

  /**
   * Collects the common settings for a broker's builder {@code B}, which passes its defaults and its configuration
   * exception to the constructor.
   */
  public abstract static class Builder<B extends Builder<B>> {
    private final Function<String, ? extends RuntimeException> refusal;
    private String namePrefix;
    private boolean provisioning = true;
    private int maxBatch;
    private int maxBatchLimit = Integer.MAX_VALUE;
    private Duration operationTimeout;
    private Duration shortestOperation;
    private Duration longestOperation;
    private Duration closeTimeout;
    private ThreadFactory threads;
    private WireFormat wireFormat = WireFormat.WHIZBANG;

    /**
     * @param refusal the broker's configuration exception, given the problem
     * @param maxBatch the default of {@link #maxBatch}, {@code closeTimeout} likewise
     */
    protected Builder(Function<String, ? extends RuntimeException> refusal, String namePrefix, int maxBatch,
        Duration operationTimeout, Duration closeTimeout) {
      this.refusal = Objects.requireNonNull(refusal, "refusal");
      this.namePrefix = namePrefix;
      this.maxBatch = maxBatch;
      this.operationTimeout = operationTimeout;
      this.closeTimeout = closeTimeout;
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /** The largest {@link #maxBatch} the broker takes (default: no limit). */
    protected final void maxBatchLimit(int limit) {
      maxBatchLimit = limit;
    }

    /** The bounds the broker puts on {@link #operationTimeout}, {@code longest} null for none (default: positive). */
    protected final void operationTimeoutRange(Duration shortest, Duration longest) {
      shortestOperation = shortest;
      longestOperation = longest;
    }

    /** The broker's rule for its name prefix, added to {@code check}; the default refuses whitespace. */
    protected void checkNamePrefix(SettingsCheck check, String value) {
      check.require(value.chars().noneMatch(Character::isWhitespace),
          "namePrefix must not contain whitespace, was '" + value + "'");
    }

    /** Starts every name the transport gives a queue, topic or exchange. */
    public B namePrefix(String value) {
      SettingsCheck check = new SettingsCheck().present("namePrefix", value);
      if (value != null) {
        checkNamePrefix(check, value);
      }
      check.throwIfAny(refusal);
      namePrefix = value;
      return self();
    }

    /**
     * Whether the transport creates its queues, topics, subscriptions or exchanges (default on). When off, they must
     * exist already and a missing one is an error naming it.
     */
    public B provisioning(boolean value) {
      provisioning = value;
      return self();
    }

    /** The most deliveries handed to the handler in one call. */
    public B maxBatch(int value) {
      SettingsCheck check = new SettingsCheck();
      if (maxBatchLimit == Integer.MAX_VALUE) {
        check.atLeast("maxBatch", value, 1);
      } else {
        check.require(value >= 1 && value <= maxBatchLimit, "maxBatch must be 1 to " + maxBatchLimit + ", was "
            + value);
      }
      check.throwIfAny(refusal);
      maxBatch = value;
      return self();
    }

    /** The bound of one call to the broker (a check, a declaration, a send or settlement, a lookup). */
    public B operationTimeout(Duration value) {
      SettingsCheck check = new SettingsCheck();
      if (shortestOperation == null) {
        check.positive("operationTimeout", value);
      } else {
        check.require(value != null && value.compareTo(shortestOperation) >= 0
            && (longestOperation == null || value.compareTo(longestOperation) <= 0), "operationTimeout must be "
            + (longestOperation == null ? "at least " + shortestOperation
                : "from " + shortestOperation + " to " + longestOperation) + ", was " + value);
      }
      check.throwIfAny(refusal);
      operationTimeout = value;
      return self();
    }

    /** How long closing waits for the handler calls in hand and what settles them. */
    public B closeTimeout(Duration value) {
      new SettingsCheck().positive("closeTimeout", value).throwIfAny(refusal);
      closeTimeout = value;
      return self();
    }

    /** Where the transport's threads come from. Default: daemon threads named after their job. */
    public B threads(ThreadFactory value) {
      new SettingsCheck().present("threads", value).throwIfAny(refusal);
      threads = value;
      return self();
    }

    /**
     * How published messages are laid out (default {@link WireFormat#WHIZBANG}, the envelope as the body);
     * {@link WireFormat#CLOUDEVENTS} writes CloudEvents 1.0 in the broker's binary protocol binding. Received
     * messages are read in either format whatever this says, so services can switch one at a time.
     */
    public B wireFormat(WireFormat value) {
      new SettingsCheck().present("wireFormat", value).throwIfAny(refusal);
      wireFormat = value;
      return self();
    }

  }
}

package io.whizbang.rabbitmq;

import io.whizbang.runtime.transport.kit.BrokerConfig;
import io.whizbang.runtime.transport.kit.SettingsCheck;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Settings of a {@link RabbitMqTransport}. Every value has a default that works against a local broker; the settings
 * every broker has ({@code namePrefix}, {@code provisioning}, {@code maxBatch}, {@code operationTimeout},
 * {@code closeTimeout}, {@code threads}) come from {@link BrokerConfig}.
 *
 * <pre>{@code
 * RabbitMqConfig config = RabbitMqConfig.builder()
 *     .host("rabbit.internal").virtualHost("/shop").credentials("svc", secret)
 *     .queueType(QueueType.QUORUM).ordering(Ordering.SINGLE_ACTIVE_CONSUMER)
 *     .build();
 * Transport transport = RabbitMqTransport.connect(config);
 * }</pre>
 */
public final class RabbitMqConfig extends BrokerConfig {

  private final String host;
  private final int port;
  private final String virtualHost;
  private final String username;
  private final String password;
  private final SSLContext tls;
  private final int prefetch;
  private final QueueType queueType;
  private final Ordering ordering;
  private final int maxPriority;
  private final Integer deliveryLimit;
  private final Duration confirmTimeout;
  private final Duration recoveryInterval;
  private final Duration maxUnackedHold;
  private final boolean failUnroutableEvents;

  private RabbitMqConfig(Builder b) {
    super(b);
    host = b.host;
    port = b.port;
    virtualHost = b.virtualHost;
    username = b.username;
    password = b.password;
    tls = b.tls;
    prefetch = b.prefetch;
    queueType = b.queueType;
    ordering = b.ordering;
    maxPriority = b.maxPriority == null ? (b.queueType == QueueType.CLASSIC ? 9 : 0) : b.maxPriority;
    deliveryLimit = b.deliveryLimit;
    confirmTimeout = b.confirmTimeout;
    recoveryInterval = b.recoveryInterval;
    maxUnackedHold = b.maxUnackedHold;
    failUnroutableEvents = b.failUnroutableEvents;
  }

  /** A builder holding the defaults: {@code 127.0.0.1:5672}, vhost {@code /}, guest/guest, classic queues. */
  public static Builder builder() {
    return new Builder();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String virtualHost() {
    return virtualHost;
  }

  public String username() {
    return username;
  }

  String password() {
    return password;
  }

  /** The TLS context, or {@code null} for a plain connection. */
  public SSLContext tls() {
    return tls;
  }

  public int prefetch() {
    return prefetch;
  }

  public QueueType queueType() {
    return queueType;
  }

  public Ordering ordering() {
    return ordering;
  }

  public int maxPriority() {
    return maxPriority;
  }

  /** The quorum-queue delivery limit, or {@code null} for the broker's default. */
  public Integer deliveryLimit() {
    return deliveryLimit;
  }

  public Duration confirmTimeout() {
    return confirmTimeout;
  }

  public Duration recoveryInterval() {
    return recoveryInterval;
  }

  public Duration maxUnackedHold() {
    return maxUnackedHold;
  }

  public boolean failUnroutableEvents() {
    return failUnroutableEvents;
  }

  @Override
  public String toString() {
    return "RabbitMqConfig[" + (tls == null ? "amqp" : "amqps") + "://" + username + "@" + host + ":" + port
        + virtualHost + ", " + queueType + ", " + ordering + ", prefix=" + namePrefix() + ", prefetch=" + prefetch
        + ", maxPriority=" + maxPriority + ", provisioning=" + provisioning() + "]";
  }

  /** Collects settings; {@link #build()} checks them together. */
  public static final class Builder extends BrokerConfig.Builder<Builder> {
    private String host = "127.0.0.1";
    private int port = 5672;
    private String virtualHost = "/";
    private String username = "guest";
    private String password = "guest";
    private SSLContext tls;
    private int prefetch = 100;
    private QueueType queueType = QueueType.CLASSIC;
    private Ordering ordering = Ordering.SINGLE_ACTIVE_CONSUMER;
    private Integer maxPriority;
    private Integer deliveryLimit;
    private Duration confirmTimeout = Duration.ofSeconds(30);
    private Duration recoveryInterval = Duration.ofSeconds(1);
    private Duration maxUnackedHold = Duration.ofMinutes(10);
    private boolean failUnroutableEvents;

    private Builder() {
      // operationTimeout bounds each AMQP call that waits for an answer (a declaration, a channel opening): the
      // client's own channel RPC timeout, whose default it keeps.
      super(problem -> new IllegalArgumentException("RabbitMQ configuration: " + problem), "whizbang.", 50,
          Duration.ofMinutes(10), Duration.ofSeconds(10));
    }

    public Builder host(String value) {
      host = Objects.requireNonNull(value, "host");
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder virtualHost(String value) {
      virtualHost = Objects.requireNonNull(value, "virtualHost");
      return this;
    }

    public Builder credentials(String user, String secret) {
      username = Objects.requireNonNull(user, "user");
      password = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /** Connects over TLS with this context (use {@code SSLContext.getDefault()} for the JVM's trust store). */
    public Builder tls(SSLContext context) {
      tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /** Unacknowledged messages the broker may push to one consumer channel (AMQP {@code basic.qos}). */
    public Builder prefetch(int value) {
      prefetch = value;
      return this;
    }

    public Builder queueType(QueueType value) {
      queueType = Objects.requireNonNull(value, "queueType");
      return this;
    }

    public Builder ordering(Ordering value) {
      ordering = Objects.requireNonNull(value, "ordering");
      return this;
    }

    /**
     * The {@code x-max-priority} of classic queues, 0 (no priorities) to 9; the default is 9 for classic queues.
     * Quorum queues take no such argument, so any value above 0 with {@link QueueType#QUORUM} is refused.
     */
    public Builder maxPriority(int value) {
      maxPriority = value;
      return this;
    }

    /** Quorum queues only: dead-letter a message after this many failed deliveries ({@code x-delivery-limit}). */
    public Builder deliveryLimit(int value) {
      deliveryLimit = value;
      return this;
    }

    /** How long a publish waits for the broker's confirmation before its future fails. */
    public Builder confirmTimeout(Duration value) {
      confirmTimeout = Objects.requireNonNull(value, "confirmTimeout");
      return this;
    }

    /** Pause between reconnection attempts after a lost connection. */
    public Builder recoveryInterval(Duration value) {
      recoveryInterval = Objects.requireNonNull(value, "recoveryInterval");
      return this;
    }

    /**
     * The longest a released (or held-back) message stays unacknowledged in this consumer before it is requeued to
     * its place at the head of the queue and taken again, its hold going on (default 10 minutes). A released
     * message waits for its retry delay unacknowledged, so that it keeps its place in the queue; the broker closes a
     * channel that holds a delivery longer than its {@code consumer_timeout} (30 minutes by default), so this must
     * stay below that.
     */
    public Builder maxUnackedHold(Duration value) {
      maxUnackedHold = Objects.requireNonNull(value, "maxUnackedHold");
      return this;
    }

    /**
     * Whether an event that no queue is bound for fails its publish future. Off by default: an event nobody
     * subscribes to yet is published to no one, as on every other transport (new subscribers backfill from the
     * owner's event feed), and is counted in {@code stats().detail("unroutable")}. Turn it on where every
     * event type must have a subscriber, so that a missing binding stops the outbox instead. Commands always fail
     * when unroutable.
     */
    public Builder failUnroutableEvents(boolean value) {
      failUnroutableEvents = value;
      return this;
    }

    /** Checks the settings and returns them; every problem is named in the exception message. */
    public RabbitMqConfig build() {
      SettingsCheck check = new SettingsCheck();
      check.range("port", port, 1, 65535);
      check.range("prefetch", prefetch, 1, 65535);
      check.positive("confirmTimeout", confirmTimeout);
      check.positive("recoveryInterval", recoveryInterval);
      check.require(!maxUnackedHold.isNegative() && !maxUnackedHold.isZero(), "maxUnackedHold must be positive (keep"
          + " it below the broker's consumer_timeout, 30 minutes by default), was " + maxUnackedHold);
      if (maxPriority != null) {
        check.range("maxPriority", maxPriority, 0, 9);
        check.require(maxPriority == 0 || queueType == QueueType.CLASSIC,
            "maxPriority needs classic queues: quorum queues do not accept x-max-priority; "
                + "use queueType(CLASSIC) or drop maxPriority");
      }
      if (deliveryLimit != null) {
        check.atLeast("deliveryLimit", deliveryLimit, 1);
        check.require(queueType == QueueType.QUORUM,
            "deliveryLimit needs quorum queues (x-delivery-limit); use queueType(QUORUM) or drop deliveryLimit");
      }
      check.throwIfAny(problem -> new IllegalArgumentException("RabbitMQ configuration: " + problem));
      return new RabbitMqConfig(this);
    }
  }
}

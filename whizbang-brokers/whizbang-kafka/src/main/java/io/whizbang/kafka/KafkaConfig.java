package io.whizbang.kafka;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.kit.BrokerConfig;
import io.whizbang.runtime.transport.kit.SettingsCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the Kafka transport needs to know, validated once when built. Only the bootstrap servers are required:
 *
 * <pre>{@code
 * KafkaConfig config = KafkaConfig.builder()
 *     .bootstrapServers("kafka-1:9092,kafka-2:9092")
 *     .clientId("orders-service")
 *     .clientProperty("security.protocol", "SASL_SSL")
 *     .build();
 * }</pre>
 *
 * <p>The delivery guarantees are fixed and cannot be overridden through properties: the producer is idempotent with
 * {@code acks=all}; consumers read committed data only and commit offsets themselves, after the handler acknowledged.
 */
public final class KafkaConfig extends BrokerConfig {

  private final String bootstrapServers;
  private final String clientId;
  private final Map<String, String> clientProperties;
  private final Map<String, String> producerProperties;
  private final Map<String, String> consumerProperties;
  private final TopicNaming topicNaming;
  private final int partitions;
  private final Optional<Short> replicationFactor;
  private final Duration deliveryTimeout;
  private final Duration handlerFailureDelay;

  private KafkaConfig(Builder b) {
    super(b);
    this.bootstrapServers = b.bootstrapServers;
    this.clientId = b.clientId;
    this.clientProperties = Map.copyOf(b.clientProperties);
    this.producerProperties = Map.copyOf(b.producerProperties);
    this.consumerProperties = Map.copyOf(b.consumerProperties);
    this.topicNaming = b.topicNaming != null ? b.topicNaming : destination -> namePrefix() + destination.domain()
        + (destination.kind() == Destination.Kind.EVENTS ? ".events" : ".commands");
    this.partitions = b.partitions;
    this.replicationFactor = b.replicationFactor;
    this.deliveryTimeout = b.deliveryTimeout;
    this.handlerFailureDelay = b.handlerFailureDelay;
  }

  /** Starts a configuration; call {@link Builder#bootstrapServers(String)} at least. */
  public static Builder builder() {
    return new Builder();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String clientId() {
    return clientId;
  }

  /** Extra properties for every client (security settings live here). */
  public Map<String, String> clientProperties() {
    return clientProperties;
  }

  public Map<String, String> producerProperties() {
    return producerProperties;
  }

  public Map<String, String> consumerProperties() {
    return consumerProperties;
  }

  public TopicNaming topicNaming() {
    return topicNaming;
  }

  public int partitions() {
    return partitions;
  }

  /** The replication factor of provisioned topics; empty means the broker's {@code default.replication.factor}. */
  public Optional<Short> replicationFactor() {
    return replicationFactor;
  }

  public Duration deliveryTimeout() {
    return deliveryTimeout;
  }

  public Duration handlerFailureDelay() {
    return handlerFailureDelay;
  }

  /** Collects settings; {@link #build()} validates them and says what is wrong. */
  public static final class Builder extends BrokerConfig.Builder<Builder> {
    private String bootstrapServers;
    private String clientId = "whizbang";
    private final Map<String, String> clientProperties = new LinkedHashMap<>();
    private final Map<String, String> producerProperties = new LinkedHashMap<>();
    private final Map<String, String> consumerProperties = new LinkedHashMap<>();
    private TopicNaming topicNaming;
    private int partitions = 3;
    private Optional<Short> replicationFactor = Optional.empty();
    private Duration deliveryTimeout = Duration.ofMinutes(2);
    private Duration handlerFailureDelay = Duration.ofSeconds(1);

    private Builder() {
      // operationTimeout bounds topic checks and creation, offset commits and replay lookups.
      super(KafkaConfigException::new, "whizbang.", 100, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** The Kafka {@code bootstrap.servers}: a comma-separated list of {@code host:port}. Required. */
    public Builder bootstrapServers(String servers) {
      this.bootstrapServers = servers;
      return this;
    }

    /** The prefix of every client's {@code client.id} (visible in broker logs and quotas). Default "whizbang". */
    public Builder clientId(String id) {
      this.clientId = id;
      return this;
    }

    /**
     * A property for every client (producer, consumer, admin), for example {@code security.protocol},
     * {@code sasl.mechanism}, {@code sasl.jaas.config} or {@code ssl.truststore.location}. It is passed to each
     * client that knows it; a name no Kafka client knows is an error.
     */
    public Builder clientProperty(String name, String value) {
      clientProperties.put(name, value);
      return this;
    }

    /** Security settings (SASL/SSL) for every client; the same as one {@link #clientProperty} call per entry. */
    public Builder security(Map<String, String> properties) {
      properties.forEach(this::clientProperty);
      return this;
    }

    /** A property for the producer only, for example {@code linger.ms} or {@code compression.type}. */
    public Builder producerProperty(String name, String value) {
      producerProperties.put(name, value);
      return this;
    }

    /** A property for the consumers only, for example {@code max.poll.records} or {@code auto.offset.reset}. */
    public Builder consumerProperty(String name, String value) {
      consumerProperties.put(name, value);
      return this;
    }

    /**
     * How destinations map to topic names. Default: {@code <namePrefix><domain>.events} and
     * {@code <namePrefix><domain>.commands}, which with the default prefix {@code whizbang.} is
     * {@link TopicNaming#CONVENTIONAL}.
     */
    public Builder topicNaming(TopicNaming naming) {
      new SettingsCheck().present("topicNaming", naming).throwIfAny(KafkaConfigException::new);
      this.topicNaming = naming;
      return this;
    }

    /** Partitions of provisioned topics: the most parallel consumers one group can use. Default 3. */
    public Builder partitions(int count) {
      this.partitions = count;
      return this;
    }

    /** Replication factor of provisioned topics. Default: the broker's {@code default.replication.factor}. */
    public Builder replicationFactor(int factor) {
      new SettingsCheck().range("replicationFactor", factor, 1, Short.MAX_VALUE).throwIfAny(KafkaConfigException::new);
      this.replicationFactor = Optional.of((short) factor);
      return this;
    }

    /**
     * How long the producer keeps trying to deliver a message before its publish future fails (Kafka's
     * {@code delivery.timeout.ms}; also bounds how long a publish call may block for metadata). Default 2 minutes.
     */
    public Builder deliveryTimeout(Duration timeout) {
      this.deliveryTimeout = timeout;
      return this;
    }

    /**
     * How long a partition is held back when the handler throws, before its unsettled messages are redelivered
     * (so that a failing handler does not spin). Default 1 second.
     */
    public Builder handlerFailureDelay(Duration delay) {
      this.handlerFailureDelay = delay;
      return this;
    }

    /** Validates every setting; a bad one is a {@link KafkaConfigException} that says how to fix it. */
    public KafkaConfig build() {
      SettingsCheck check = new SettingsCheck();
      BootstrapServers.check(check, bootstrapServers);
      check.require(clientId != null && !clientId.isBlank(),
          "clientId must not be blank: call clientId(\"my-service\") or leave the default");
      check.atLeast("partitions", partitions, 1);
      check.positive("deliveryTimeout", deliveryTimeout);
      check.notNegative("handlerFailureDelay", handlerFailureDelay);
      check.throwIfAny(KafkaConfigException::new);
      ClientProperties.validate(clientProperties, producerProperties, consumerProperties);
      return new KafkaConfig(this);
    }
  }
}

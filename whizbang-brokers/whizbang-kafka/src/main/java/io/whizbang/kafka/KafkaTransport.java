package io.whizbang.kafka;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.TransportLimits;
import io.whizbang.runtime.transport.kit.BrokerTransport;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * The Kafka transport: each domain's events and commands go to their own topic, the record key is the partition key
 * (so one aggregate stays in one partition, in order), and each subscriber id is one consumer group.
 *
 * <pre>{@code
 * Transport kafka = KafkaTransport.connect(KafkaConfig.builder().bootstrapServers("127.0.0.1:9092").build());
 * }</pre>
 *
 * <p>Publishing: the producer is idempotent with {@code acks=all}; a message's future completes from its send
 * callback only (on the producer's I/O thread: chain blocking work with the {@code *Async} methods), and fails when
 * the broker refused the message or {@link KafkaConfig#deliveryTimeout()} passed.
 *
 * <p>Consuming: offsets are committed only for acknowledged messages (the longest acknowledged prefix of each
 * partition), also right before partitions move to another group member. A released message is read again by
 * seeking back, which holds back the rest of its partition. Replays ({@link #replay}) read a topic outside any group.
 */
public final class KafkaTransport extends BrokerTransport<KafkaConfig> {

  private final Admin admin;
  private final Producer<String, byte[]> producer;
  private final KafkaTopics topics;
  private final KafkaPublisher publisher;
  private final TransportLimits limits;

  /**
   * Creates the producer and admin clients; a setting Kafka rejects is a {@link KafkaConfigException}. The clients
   * connect lazily: an unreachable cluster shows as publishes that fail after {@link KafkaConfig#deliveryTimeout()}.
   */
  public static KafkaTransport connect(KafkaConfig config) {
    return new KafkaTransport(Objects.requireNonNull(config, "config"));
  }

  private KafkaTransport(KafkaConfig config) {
    super("kafka", "Kafka", false, config);
    Admin createdAdmin = null;
    try {
      createdAdmin = Admin.create(ClientProperties.admin(config));
      this.producer = new KafkaProducer<>(ClientProperties.producer(config));
    } catch (KafkaException e) {
      if (createdAdmin != null) {
        createdAdmin.close(config.closeTimeout());
      }
      throw rejected(e);
    }
    this.admin = createdAdmin;
    this.topics = new KafkaTopics(config, admin);
    this.publisher = new KafkaPublisher(producer, topics, config.wireFormat());
    this.limits = ClientProperties.limits(config);
  }

  /**
   * Kafka has no limit of its own for headers: they count toward the record, which the producer refuses when its
   * uncompressed size is over {@code max.request.size} (1048576 bytes unless set with
   * {@code producerProperty(...)}), whatever the compression. Less room for the record's own overhead. A topic's
   * {@code max.message.bytes} may be smaller: it is checked at publish, as it can change on the broker.
   */
  @Override
  public TransportLimits limits() {
    return limits;
  }

  /** The Kafka topic a destination maps to under the configured {@link TopicNaming}. */
  public String topicOf(Destination destination) {
    return topics.nameOf(destination);
  }

  /** Hands the batch to the producer ({@link KafkaPublisher}); Kafka adds no stats {@link #details()} of its own. */
  @Override
  protected List<CompletableFuture<Void>> send(List<OutgoingMessage> batch) {
    return publisher.publish(batch);
  }

  /**
   * Joins the consumer group named by the request's subscriber id. Missing topics are created first (or reported as
   * a {@link MissingTopicException} when provisioning is off).
   */
  @Override
  protected Subscription open(SubscriptionRequest request, DeliveryHandler handler) {
    if (request.subscriberId().isBlank()) {
      throw new IllegalArgumentException("the subscriber id names the Kafka consumer group and must not be blank");
    }
    if (request.sources().isEmpty()) {
      throw new IllegalArgumentException("subscription '" + request.subscriberId() + "' has no sources");
    }
    WireNameFilter filter = new WireNameFilter(request, topics);
    topics.ensure(filter.topics());
    KafkaConsumer<String, byte[]> consumer;
    try {
      consumer = new KafkaConsumer<>(ClientProperties.consumer(config(), request.subscriberId(),
          "consumer-" + request.subscriberId()));
    } catch (KafkaException e) {
      throw rejected(e);
    }
    KafkaSubscription subscription = new KafkaSubscription(consumer, filter, handler, request.concurrency(), config(),
        request.subscriberId(), counters(), lifecycle()::forget);
    subscription.start();
    return subscription;
  }

  /**
   * Reads a destination's topic again, from the beginning or from a timestamp, up to its end when the call began,
   * into {@code handler}, outside any consumer group. Returns the number of records handed over.
   *
   * <pre>{@code
   * kafka.replay(Destination.events("orders"), ReplayFrom.timestamp(yesterday), m -> rebuild(m.body()));
   * }</pre>
   */
  public long replay(Destination destination, ReplayFrom from, ReplayHandler handler) {
    return replay(topics.nameOf(destination), from, handler);
  }

  /** {@link #replay(Destination, ReplayFrom, ReplayHandler)} for a topic given by name. */
  public long replay(String topic, ReplayFrom from, ReplayHandler handler) {
    lifecycle().ensureOpen("replay");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(handler, "handler");
    return new KafkaReplayer(config(), topics).replay(topic, from, handler);
  }

  @Override
  protected void release() {
    try {
      producer.close(config().closeTimeout());
    } finally {
      admin.close(config().closeTimeout());
    }
  }

  private KafkaConfigException rejected(KafkaException e) {
    // Kafka wraps the real reason ("Invalid value zipp ...", "no JAAS entry ...") several levels deep.
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return new KafkaConfigException("the Kafka client rejected the configuration (bootstrap servers "
        + config().bootstrapServers() + "): " + cause.getMessage(), e);
  }
}

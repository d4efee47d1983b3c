package io.whizbang.kafka;

import io.whizbang.runtime.transport.TransportLimits;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Turns a {@link KafkaConfig} into the property sets of the three Kafka clients. The settings the delivery
 * guarantees rest on are written last and cannot be overridden: {@link #validate} rejects any attempt.
 */
final class ClientProperties {

  /** The longest a send waits for metadata or buffer space unless the user sets {@code max.block.ms}. */
  static final long DEFAULT_MAX_BLOCK_MS = 1_500;
  /** Kafka's own default {@code linger.ms} since 4.0. */
  private static final long DEFAULT_LINGER_MS = 5;
  private static final long MAX_REQUEST_TIMEOUT_MS = 30_000;
  /** Kafka's own default {@code max.request.size}. */
  private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

  private static final Map<String, String> FIXED_FOR_ALL = Map.of(
      "bootstrap.servers", "set it with bootstrapServers(...)",
      "client.id", "set the prefix with clientId(...)");
  private static final Map<String, String> FIXED_FOR_PRODUCER = Map.of(
      "acks", "the transport always waits for all in-sync replicas (acks=all)",
      "enable.idempotence", "the producer is always idempotent, so retries never duplicate or reorder",
      "transactional.id", "the outbox provides atomicity; the producer is not transactional",
      "key.serializer", "keys are the partition keys as UTF-8 strings",
      "value.serializer", "values are the envelope bytes");
  private static final Map<String, String> FIXED_FOR_CONSUMER = Map.of(
      "enable.auto.commit", "offsets are committed only after the handler acknowledged",
      "isolation.level", "consumers read committed data only (read_committed)",
      "group.id", "the consumer group is the subscriber id of each subscription",
      "key.deserializer", "keys are the partition keys as UTF-8 strings",
      "value.deserializer", "values are the envelope bytes");

  private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();

  private ClientProperties() {}

  /** Refuses a property without value, one the guarantees rest on, and one the client it is for does not know. */
  static void validate(Map<String, String> client, Map<String, String> producer, Map<String, String> consumer) {
    Set<String> anyClient = new HashSet<>(ProducerConfig.configNames());
    anyClient.addAll(ConsumerConfig.configNames());
    anyClient.addAll(AdminClientConfig.configNames());
    validate("client", client, anyClient, List.of(FIXED_FOR_PRODUCER, FIXED_FOR_CONSUMER),
        "check the spelling against the kafka-clients documentation");
    validate("producer", producer, ProducerConfig.configNames(), List.of(FIXED_FOR_PRODUCER),
        "check the spelling; consumer settings go to consumerProperty(...)");
    validate("consumer", consumer, ConsumerConfig.configNames(), List.of(FIXED_FOR_CONSUMER),
        "check the spelling; producer settings go to producerProperty(...)");
  }

  private static void validate(String kind, Map<String, String> properties, Set<String> known,
      List<Map<String, String>> fixed, String hint) {
    properties.forEach((name, value) -> {
      checkValue(kind, name, value);
      rejectFixed(kind, name, FIXED_FOR_ALL);
      fixed.forEach(reasons -> rejectFixed(kind, name, reasons));
      if (!known.contains(name)) {
        throw new KafkaConfigException("'" + name + "' is not a Kafka " + kind + " property (" + hint + ")");
      }
    });
  }

  static Properties producer(KafkaConfig config) {
    Properties p = common(config, ProducerConfig.configNames(), "producer");
    p.putAll(config.producerProperties());
    long deliveryMs = config.deliveryTimeout().toMillis();
    long lingerMs = longValue(p, ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS);
    if (deliveryMs <= lingerMs) {
      throw new KafkaConfigException("deliveryTimeout (" + deliveryMs + " ms) must be longer than the producer's"
          + " linger.ms (" + lingerMs + " ms)");
    }
    // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms; a short delivery timeout (tests,
    // latency-sensitive relays) therefore shortens the request timeout unless the user chose one.
    p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Long.toString(Math.min(MAX_REQUEST_TIMEOUT_MS, deliveryMs - lingerMs)));
    // send() blocks the caller (the relay's round) while it waits for metadata or buffer space. Kafka's default of
    // a minute would far outlast the relay's partition lease during an outage, letting another relay publish the
    // same rows meanwhile; 1.5 s per topic fails fast instead, and the outbox retries.
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.min(deliveryMs, DEFAULT_MAX_BLOCK_MS)));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryMs));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  /** Room in a record for its batch and record overhead and the two headers the publisher always adds. */
  static final int RECORD_RESERVE = 512;
  /** A record header's two length varints, at most 5 bytes each. */
  private static final int BYTES_PER_HEADER = 10;

  /**
   * The producer refuses a record whose estimated size (key, value and headers, uncompressed, plus the batch
   * overhead) is over {@code max.request.size}, before compressing it.
   */
  static TransportLimits limits(KafkaConfig config) {
    Object configured = producer(config).get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    int maxRequestSize = configured == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(configured.toString().trim());
    return TransportLimits.of("Kafka producer max.request.size " + maxRequestSize + " less " + RECORD_RESERVE
        + " bytes of record overhead").withMaxMessageBytes(Math.max(1, maxRequestSize - RECORD_RESERVE))
        .withBytesPerHeader(BYTES_PER_HEADER);
  }

  static Properties consumer(KafkaConfig config, String groupId, String role) {
    Properties p = common(config, ConsumerConfig.configNames(), role);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // KafkaTopics are created by the provisioner (with the configured partitions) or by operators, never by a fetch.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.putAll(config.consumerProperties());
    if (groupId != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  static Properties admin(KafkaConfig config) {
    Properties p = common(config, AdminClientConfig.configNames(), "admin");
    long apiMs = config.operationTimeout().toMillis();
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(apiMs));
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(apiMs, MAX_REQUEST_TIMEOUT_MS)));
    return p;
  }

  private static Properties common(KafkaConfig config, Set<String> known, String role) {
    Properties p = new Properties();
    config.clientProperties().forEach((name, value) -> {
      if (known.contains(name)) {
        p.put(name, value);
      }
    });
    p.put("bootstrap.servers", config.bootstrapServers());
    // Unique per client: Kafka registers JMX beans by client id and warns on clashes.
    p.put("client.id", config.clientId() + "-" + role + "-" + CLIENT_SEQUENCE.incrementAndGet());
    return p;
  }

  private static long longValue(Properties p, String name, long fallback) {
    Object value = p.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new KafkaConfigException(name + " must be a number of milliseconds, was '" + value + "'");
    }
  }

  private static void checkValue(String kind, String name, String value) {
    if (name == null || name.isBlank()) {
      throw new KafkaConfigException("a " + kind + " property has a blank name");
    }
    if (value == null) {
      throw new KafkaConfigException(kind + " property '" + name + "' has no value");
    }
  }

  private static void rejectFixed(String kind, String name, Map<String, String> fixed) {
    String reason = fixed.get(name);
    if (reason != null) {
      throw new KafkaConfigException(kind + " property '" + name + "' cannot be set: " + reason);
    }
  }
}

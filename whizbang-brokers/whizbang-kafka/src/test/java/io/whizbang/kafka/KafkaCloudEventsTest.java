package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.AppliedEvents;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CloudEvents on Kafka, checked with the CloudEvents Java SDK: what the transport writes with
 * {@code wireFormat(CLOUDEVENTS)} is read by the SDK's deserializer with every attribute right, and what the SDK's
 * serializer writes (binary mode) is handled through the inbox on PostgreSQL, next to envelopes of today's format;
 * a malformed CloudEvent and one of an unknown type are parked as dead letters naming what is wrong.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaCloudEventsTest {
  private static final String ORDER_PLACED = "orders.OrderPlaced";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aRecordPublishedAsACloudEventIsReadByTheSdkWithEveryAttribute() throws Exception {
    KafkaBroker.require();
    String domain = KafkaBroker.uniqueDomain("ce-out");
    Destination events = Destination.events(domain);
    UUID id = UUID.randomUUID();
    UUID correlation = UUID.randomUUID();
    UUID causation = UUID.randomUUID();
    Instant occurred = Instant.parse("2026-12-01T10:15:30.123456Z");
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    byte[] payload = "{\"orderId\":\"o-7\",\"customer\":\"c\",\"seq\":3}".getBytes(StandardCharsets.UTF_8);
    Envelope envelope = new Envelope(id, ORDER_PLACED, domain, "o-7", correlation, causation, occurred,
        Envelope.NO_POSITION, Map.of("traceparent", traceparent, "whizbang-version", "2", "x-tenant", "acme"),
        payload);
    try (KafkaTransport kafka = KafkaTransport.connect(
        KafkaBroker.config().wireFormat(WireFormat.CLOUDEVENTS).build())) {
      Messages.publishAndConfirm(kafka, List.of(new OutgoingMessage(id, ORDER_PLACED, events, "o-7", 0, Map.of(),
          EnvelopeCodec.encode(envelope))));
      ConsumerRecord<String, CloudEvent> record = readOne(kafka.topicOf(events));

      assertThat(record.key()).as("record key = partition key").isEqualTo("o-7");
      assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
          .isEqualTo("application/json");
      CloudEvent event = record.value();
      assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
      assertThat(event.getId()).isEqualTo(id.toString());
      assertThat(event.getSource()).isEqualTo(URI.create("urn:whizbang:" + domain));
      assertThat(event.getType()).isEqualTo(ORDER_PLACED);
      assertThat(event.getSubject()).isEqualTo("o-7");
      assertThat(event.getTime()).isEqualTo(OffsetDateTime.ofInstant(occurred, ZoneOffset.UTC));
      assertThat(event.getDataContentType()).isEqualTo("application/json");
      assertThat(event.getData().toBytes()).isEqualTo(payload);
      assertThat(event.getExtension("correlationid")).isEqualTo(correlation.toString());
      assertThat(event.getExtension("causationid")).isEqualTo(causation.toString());
      assertThat(event.getExtension("traceparent")).isEqualTo(traceparent);
      assertThat(event.getExtension("whizbangversion")).isEqualTo("2");
      assertThat(event.getExtension("whizbangheaders")).isEqualTo("{\"x-tenant\":\"acme\"}");
      assertThat(event.getExtensionNames()).containsExactlyInAnyOrder("correlationid", "causationid",
          "traceparent", "whizbangversion", "whizbangheaders");
    }
  }

  @Test
  void eventsWrittenByTheSdkAreHandledThroughTheInboxBesideEnvelopesAndMalformedOnesAreParked() throws Exception {
    KafkaBroker.require();
    String domain = KafkaBroker.uniqueDomain("ce-in");
    Destination events = Destination.events(domain);
    List<Envelope> handled = new CopyOnWriteArrayList<>();
    try (StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
        KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().build())) {
      String topic = kafka.topicOf(events);
      AppliedEvents applied = AppliedEvents.create(db.dataSource(), StorageInternals.tables(db.storage()).table("applied"));
      // A service of today's format publishes an envelope to the same topic: a mixed fleet.
      UUID envelopeId = UUID.randomUUID();
      Envelope old = new Envelope(envelopeId, ORDER_PLACED, domain, "o-1", envelopeId, null, Instant.now(),
          Envelope.NO_POSITION, Map.of(), order("o-1", 0));
      Messages.publishAndConfirm(kafka, List.of(new OutgoingMessage(envelopeId, ORDER_PLACED, events, "o-1", 0,
          Map.of(), EnvelopeCodec.encode(old))));
      UUID correlation = UUID.randomUUID();
      UUID fullId = UUID.randomUUID();
      CloudEvent full = CloudEventBuilder.v1().withId(fullId.toString()).withSource(URI.create("urn:whizbang:" + domain))
          .withType(ORDER_PLACED).withSubject("o-2").withTime(OffsetDateTime.parse("2026-12-01T10:00:00+01:00"))
          .withDataContentType("application/json").withData(order("o-2", 1))
          .withExtension("correlationid", correlation.toString()).build();
      // A producer that knows nothing of Whizbang: an id that is no UUID, no subject, no correlation, no time.
      CloudEvent foreign = CloudEventBuilder.v1().withId("A234-1234-1234").withSource(URI.create("https://shop.example/orders"))
          .withType(ORDER_PLACED).withDataContentType("application/json; charset=utf-8").withData(order("o-3", 2)).build();
      CloudEvent unknownType = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
          .withSource(URI.create("/elsewhere")).withType("orders.Unheard").withData(order("o-4", 3)).build();
      try (KafkaProducer<String, CloudEvent> sdk = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP), new StringSerializer(),
          new CloudEventSerializer())) {
        sdk.send(new ProducerRecord<>(topic, "o-2", full)).get(30, TimeUnit.SECONDS);
        sdk.send(new ProducerRecord<>(topic, null, foreign)).get(30, TimeUnit.SECONDS);
        sdk.send(new ProducerRecord<>(topic, null, unknownType)).get(30, TimeUnit.SECONDS);
      }
      // What no SDK would write: a CloudEvent without an id, and one of another spec version.
      try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP), new StringSerializer(),
          new ByteArraySerializer())) {
        raw.send(rawEvent(topic, Map.of("ce_specversion", "1.0", "ce_source", "/x", "ce_type", ORDER_PLACED),
            order("o-5", 4))).get(30, TimeUnit.SECONDS);
        raw.send(rawEvent(topic, Map.of("ce_specversion", "0.3", "ce_id", "e-6", "ce_source", "/x", "ce_type",
            ORDER_PLACED), order("o-6", 5))).get(30, TimeUnit.SECONDS);
      }

      InboxConsumer inbox = InboxConsumer.builder(db.storage(), "billing-" + domain)
          .dispatchers(List.of(applied.recorder("applies", Set.of(ORDER_PLACED), e -> {
            handled.add(e);
            return AppliedEvents.ORDER_PLACED.read(e);
          })))
          .config(InboxConfig.builder().build()).build();
      // Every wire name, so that the unknown one reaches the inbox as it would from a broker that cannot filter.
      try (Subscription s = inbox.subscribe(kafka, List.of(new Source(events, Set.of())), 1)) {
        Received.await(WAIT, () -> applied.count() == 3 && inbox.deadLetters().count() == 3,
            () -> "applied " + applied.count() + ", parked " + inbox.deadLetters().count());
      }
      inbox.close();

      assertThat(handled).extracting(Envelope::partitionKey).containsExactlyInAnyOrder("o-1", "o-2", null);
      Envelope fromSdk = handled.stream().filter(e -> "o-2".equals(e.partitionKey())).findFirst().orElseThrow();
      assertThat(fromSdk.messageId()).isEqualTo(fullId);
      assertThat(fromSdk.correlationId()).isEqualTo(correlation);
      assertThat(fromSdk.domain()).isEqualTo(domain);
      assertThat(fromSdk.occurredAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
      Envelope fromStranger = handled.stream().filter(e -> e.partitionKey() == null).findFirst().orElseThrow();
      assertThat(fromStranger.messageId()).as("a name-based id of source and id")
          .isEqualTo(UUID.nameUUIDFromBytes("https://shop.example/orders\nA234-1234-1234".getBytes(StandardCharsets.UTF_8)));
      assertThat(fromStranger.correlationId()).as("no correlation: the message id").isEqualTo(fromStranger.messageId());
      assertThat(fromStranger.domain()).isEqualTo("https://shop.example/orders");

      List<String> reasons = new ArrayList<>();
      for (DeadLetter letter : inbox.deadLetters().list(0, 10)) {
        reasons.add(letter.reason());
      }
      assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("Malformed CloudEvent (" + ORDER_PLACED
          + "): required attribute 'id' is missing"));
      assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("Malformed CloudEvent (" + ORDER_PLACED
          + " e-6): 'specversion' is \"0.3\"; only CloudEvents 1.0 is read"));
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("has no handler for wire name 'orders.Unheard'"));
    }
  }

  private static byte[] order(String orderId, int seq) {
    return ("{\"orderId\":\"" + orderId + "\",\"customer\":\"c\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static ProducerRecord<String, byte[]> rawEvent(String topic, Map<String, String> headers, byte[] data) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, data);
    headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /** The one record of {@code topic}, read with the SDK's deserializer from the start of every partition. */
  private static ConsumerRecord<String, CloudEvent> readOne(String topic) throws InterruptedException {
    try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new CloudEventDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
          return record;
        }
      }
      throw new AssertionError("no record on " + topic + " within " + WAIT);
    }
  }
}

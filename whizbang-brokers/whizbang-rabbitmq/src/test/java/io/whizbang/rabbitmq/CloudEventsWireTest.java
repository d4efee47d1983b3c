package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * CloudEvents on RabbitMQ, checked by hand against the AMQP protocol binding (binary mode): application properties
 * {@code cloudEvents:<attribute>}, {@code datacontenttype} as the AMQP content type, the data as the body. Received
 * messages are read in either format, including the {@code cloudEvents_} names and an AMQP timestamp for
 * {@code time}, as another producer may write them.
 */
class CloudEventsWireTest extends BrokerTestBase {

  private static final String PLACED = "orders.Placed";

  @Test
  void aCloudEventIsPublishedWithTheAmqpBindingsNames() throws Exception {
    String orders = domain("orders");
    String billing = subscriber("billing");
    RabbitMqTransport transport = transport(b -> b.wireFormat(WireFormat.CLOUDEVENTS));
    transport.subscribe(events(billing, orders, 1, PLACED), batch -> { }).close();
    UUID id = UUID.randomUUID();
    UUID correlation = UUID.randomUUID();
    UUID causation = UUID.randomUUID();
    byte[] payload = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    Envelope envelope = new Envelope(id, PLACED, orders, "o-1", correlation, causation,
        Instant.parse("2026-12-01T10:15:30.5Z"), Envelope.NO_POSITION,
        Map.of("traceparent", traceparent, "whizbang-version", "3"), payload);

    transport.publish(List.of(new OutgoingMessage(id, PLACED, Destination.events(orders), "o-1", 0, Map.of(),
        EnvelopeCodec.encode(envelope)))).get(0).get(20, TimeUnit.SECONDS);

    try (Connection connection = Broker.factory().newConnection("ce-check"); Channel channel = connection.createChannel()) {
      GetResponse got = channel.basicGet(names.subscriberQueue(billing), true);
      assertThat(got).as("the message in the subscriber's queue").isNotNull();
      assertThat(got.getBody()).as("the body is the data").isEqualTo(payload);
      assertThat(got.getProps().getContentType()).isEqualTo("application/json");
      Map<String, String> headers = got.getProps().getHeaders().entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
      assertThat(headers).isEqualTo(Map.of(
          "cloudEvents:specversion", "1.0",
          "cloudEvents:id", id.toString(),
          "cloudEvents:source", "urn:whizbang:" + orders,
          "cloudEvents:type", PLACED,
          "cloudEvents:time", "2026-12-01T10:15:30.500Z",
          "cloudEvents:subject", "o-1",
          "cloudEvents:correlationid", correlation.toString(),
          "cloudEvents:causationid", causation.toString(),
          "cloudEvents:traceparent", traceparent,
          "cloudEvents:whizbangversion", "3"));
    }
  }

  @Test
  void cloudEventsOfOtherProducersAreReadBesideEnvelopesAndAMalformedOneSaysWhatIsWrong() throws Exception {
    String orders = domain("orders");
    String billing = subscriber("billing");
    RabbitMqTransport transport = transport(); // today's format: it reads both
    BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    try (Subscription s = transport.subscribe(events(billing, orders, 1, PLACED), batch -> batch.forEach(d -> {
      received.add(d);
      d.ack();
    }))) {
      UUID envelopeId = UUID.randomUUID();
      Envelope old = new Envelope(envelopeId, PLACED, orders, "o-1", envelopeId, null, Instant.now(),
          Envelope.NO_POSITION, Map.of(), "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8));
      transport.publish(List.of(new OutgoingMessage(envelopeId, PLACED, Destination.events(orders), "o-1", 0,
          Map.of(), EnvelopeCodec.encode(old)))).get(0).get(20, TimeUnit.SECONDS);
      Instant time = Instant.parse("2026-12-01T08:00:00Z");
      Map<String, Object> foreign = new HashMap<>(Map.of("cloudEvents_specversion", "1.0",
          "cloudEvents_id", "evt-42", "cloudEvents_source", "/shop/orders", "cloudEvents_type", PLACED,
          "cloudEvents_time", Date.from(time)));
      Map<String, Object> noSource = new HashMap<>(Map.of("cloudEvents:specversion", "1.0",
          "cloudEvents:id", "evt-43", "cloudEvents:type", PLACED));
      try (Connection connection = Broker.factory().newConnection("ce-producer");
          Channel channel = connection.createChannel()) {
        publishRaw(channel, orders, foreign, "{\"orderId\":\"o-2\"}");
        publishRaw(channel, orders, noSource, "{\"orderId\":\"o-3\"}");
      }

      Map<String, Delivery> byKind = new HashMap<>();
      for (int i = 0; i < 3; i++) {
        Delivery d = received.poll(20, TimeUnit.SECONDS);
        assertThat(d).as("delivery " + (i + 1) + " of 3").isNotNull();
        String body = new String(d.body(), StandardCharsets.UTF_8);
        byKind.put(body.contains("o-1") ? "envelope" : body.contains("o-2") ? "foreign" : "malformed", d);
      }
      Delivery second = byKind.get("foreign");
      Delivery third = byKind.get("malformed");
      assertThat(byKind.get("envelope").envelope()).isEqualTo(old);
      Envelope read = second.envelope();
      assertThat(read.messageId())
          .isEqualTo(UUID.nameUUIDFromBytes("/shop/orders\nevt-42".getBytes(StandardCharsets.UTF_8)));
      assertThat(read.correlationId()).as("no correlation: the message id").isEqualTo(read.messageId());
      assertThat(read.partitionKey()).as("no subject: no key").isNull();
      assertThat(second.partitionKey()).isNull();
      assertThat(read.occurredAt()).isEqualTo(time);
      assertThat(read.domain()).isEqualTo("/shop/orders");
      assertThat(new String(read.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"o-2\"}");
      assertThat(EnvelopeCodec.decode(second.body())).as("the body a dead letter would keep").isEqualTo(read);
      assertThatThrownBy(third::envelope).isInstanceOf(MalformedEnvelopeException.class)
          .hasMessageStartingWith("Malformed CloudEvent (" + PLACED + " evt-43): required attribute 'source' is"
              + " missing");
    }
  }

  private void publishRaw(Channel channel, String domain, Map<String, Object> headers, String body)
      throws Exception {
    channel.basicPublish(names.eventsExchange(domain), PLACED, new AMQP.BasicProperties.Builder()
        .contentType("application/json").headers(headers).build(), body.getBytes(StandardCharsets.UTF_8));
  }
}

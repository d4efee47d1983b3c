package io.whizbang.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * CloudEvents in SQS message attributes, on ElasticMQ: {@code wb-type} and {@code ce_<attribute>}, at most ten, the
 * data as the body. When the trace context and version would make more than ten, they travel inside
 * {@code ce_whizbangheaders}; either way a round trip gives back the envelope that was published, and a CloudEvent
 * sent by another producer without an id is refused naming it.
 */
class CloudEventsAttributesTest {

  private static final Destination COMMANDS = Destination.commands("orders");
  private static final String SHIP = "orders.Ship";
  private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void envelopesRoundTripAsCloudEventAttributesOfAtMostTen() throws Exception {
    Servers.ELASTICMQ.require();
    SqsTransport transport = SqsTransport.connect(Servers.ELASTICMQ.config().wireFormat(WireFormat.CLOUDEVENTS).build());
    try (SqsClient sqs = Cleanup.sqs(Servers.ELASTICMQ)) {
      Envelope traced = envelope("o-1", Map.of("traceparent", TRACEPARENT));
      Envelope crowded = envelope("o-2", Map.of("traceparent", TRACEPARENT, "whizbang-version", "2", "x-tenant", "a"));
      SubscriptionRequest request = new SubscriptionRequest("shipping", List.of(new Source(COMMANDS, Set.of(SHIP))), 2);
      transport.subscribe(request, batch -> { }).close(); // creates the queue
      String url = sqs.getQueueUrl(b -> b.queueName(transport.nameOf(COMMANDS))).queueUrl();
      transport.publish(List.of(outgoing(traced), outgoing(crowded))).forEach(f -> f.join());
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"orderId\":\"o-3\"}").messageGroupId("o-3")
          .messageDeduplicationId(UUID.randomUUID().toString()).messageAttributes(Map.of(
              "ce_specversion", text("1.0"), "ce_source", text("/elsewhere"), "ce_type", text(SHIP))));

      Map<String, Delivery> byKey = new ConcurrentHashMap<>();
      try (var s = transport.subscribe(request, batch -> batch.forEach(d -> {
        byKey.put(d.partitionKey() == null ? "none" : d.partitionKey(), d);
        d.ack();
      }))) {
        assertThat(Collected.await(Duration.ofSeconds(20), () -> byKey.size() == 3)).as("received %s", byKey.keySet())
            .isTrue();
      }

      assertThat(attributes(byKey.get("o-1"))).isEqualTo(Map.of("wb-type", SHIP,
          "ce_specversion", "1.0", "ce_id", traced.messageId().toString(), "ce_source", "urn:whizbang:orders",
          "ce_type", SHIP, "ce_time", traced.occurredAt().toString(), "ce_subject", "o-1",
          "ce_correlationid", traced.correlationId().toString(), "ce_causationid", traced.causationId().toString(),
          "ce_traceparent", TRACEPARENT));
      assertThat(attributes(byKey.get("o-2"))).hasSize(10).containsEntry("ce_whizbangheaders",
          "{\"traceparent\":\"" + TRACEPARENT + "\",\"whizbang-version\":\"2\",\"x-tenant\":\"a\"}")
          .doesNotContainKeys("ce_traceparent", "ce_whizbangversion");
      assertThat(((SqsDelivery) byKey.get("o-1")).message.body()).isEqualTo("{\"orderId\":\"o-1\"}");
      assertThat(byKey.get("o-1").envelope()).isEqualTo(traced);
      assertThat(byKey.get("o-2").envelope()).isEqualTo(crowded);
      assertThat(EnvelopeCodec.decode(byKey.get("o-2").body())).isEqualTo(crowded);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> byKey.get("none").envelope())
          .isInstanceOf(MalformedEnvelopeException.class)
          .hasMessageStartingWith("Malformed CloudEvent (" + SHIP + "): required attribute 'id' is missing");
    } finally {
      Cleanup.delete(Servers.ELASTICMQ, transport);
    }
  }

  private static Envelope envelope(String key, Map<String, String> headers) {
    return new Envelope(UUID.randomUUID(), SHIP, COMMANDS.domain(), key, UUID.randomUUID(), UUID.randomUUID(),
        Instant.now(), Envelope.NO_POSITION, headers,
        ("{\"orderId\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static OutgoingMessage outgoing(Envelope e) {
    return new OutgoingMessage(e.messageId(), SHIP, COMMANDS, e.partitionKey(), 0, Map.of(), EnvelopeCodec.encode(e));
  }

  private static Map<String, String> attributes(Delivery d) {
    return ((SqsDelivery) d).message.messageAttributes().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stringValue()));
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}

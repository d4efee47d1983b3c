package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import io.whizbang.servicebus.testserver.TestServiceBus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CloudEvents on Service Bus (AMQP 1.0), checked by hand against the AMQP binding's binary mode on the test server:
 * application properties {@code cloudEvents:<attribute>} beside {@code wb-type} for the subscription rules, the
 * content type {@code application/json}, the data as the body; a transport of today's format reads it back into
 * the envelope that was published.
 */
class CloudEventsPropertiesTest {

  private static final String SHIP = "orders.Ship";
  private final TestServiceBus server = TestServiceBus.shared();
  private final TestServerProvisioner provisioner = new TestServerProvisioner(server);

  @BeforeEach
  void serverRunning() {
    server.requireRunning();
  }

  @AfterEach
  void deleteEntities() {
    provisioner.deleteDeclared();
  }

  @Test
  void aCommandTravelsAsCloudEventPropertiesAndIsReadBackWhole() throws Exception {
    String prefix = "ce" + UUID.randomUUID().toString().substring(0, 8);
    byte[] payload = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
    Envelope envelope = new Envelope(UUID.randomUUID(), SHIP, "orders", "o-1", UUID.randomUUID(), UUID.randomUUID(),
        Instant.parse("2026-12-01T10:15:30Z"), Envelope.NO_POSITION, Map.of("whizbang-version", "2"), payload);
    BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    try (ServiceBusTransport writer = transport(prefix, WireFormat.CLOUDEVENTS);
        ServiceBusTransport reader = transport(prefix, WireFormat.WHIZBANG)) {
      writer.publish(List.of(new OutgoingMessage(envelope.messageId(), SHIP, Destination.commands("orders"), "o-1",
          0, Map.of(), EnvelopeCodec.encode(envelope)))).get(0).get(30, TimeUnit.SECONDS);
      SubscriptionRequest request = new SubscriptionRequest("shipping",
          List.of(new SubscriptionRequest.Source(Destination.commands("orders"), Set.of(SHIP))), 1);
      try (Subscription s = reader.subscribe(request, batch -> batch.forEach(d -> {
        received.add(d);
        d.ack();
      }))) {
        Delivery d = received.poll(30, TimeUnit.SECONDS);
        assertThat(d).as("the command").isNotNull();
        ServiceBusReceivedMessage m = ((ServiceBusDelivery) d).message();
        assertThat(m.getBody().toBytes()).as("the body is the data").isEqualTo(payload);
        assertThat(m.getContentType()).isEqualTo("application/json");
        assertThat(m.getMessageId()).isEqualTo(envelope.messageId().toString());
        Map<String, String> properties = m.getApplicationProperties().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
        assertThat(properties).isEqualTo(Map.of(
            "wb-type", SHIP,
            "cloudEvents:specversion", "1.0",
            "cloudEvents:id", envelope.messageId().toString(),
            "cloudEvents:source", "urn:whizbang:orders",
            "cloudEvents:type", SHIP,
            "cloudEvents:time", "2026-12-01T10:15:30Z",
            "cloudEvents:subject", "o-1",
            "cloudEvents:correlationid", envelope.correlationId().toString(),
            "cloudEvents:causationid", envelope.causationId().toString(),
            "cloudEvents:whizbangversion", "2"));
        assertThat(d.partitionKey()).isEqualTo("o-1");
        assertThat(d.envelope()).isEqualTo(envelope);
      }
    }
  }

  private ServiceBusTransport transport(String prefix, WireFormat format) {
    return ServiceBusTransport.connect(ServiceBusConfig.builder().connectionString(server.connectionString())
        .namePrefix(prefix).provisioner(provisioner).operationTimeout(Duration.ofSeconds(10)).wireFormat(format)
        .build());
  }
}

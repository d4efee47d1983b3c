package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message's expiry goes to Service Bus as its time to live, so the entity itself drops a message that expired while
 * it waited: the raw subscription below (no consumer-side check, deliveries as the broker hands them out) never sees
 * it, while a message without expiry published beside it arrives.
 */
class NativeTimeToLiveTest {

  private static final String REMIND = "orders.Remind";
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
  void theEntityDropsAMessageWhoseTimeToLivePassedWhileItWaited() throws Exception {
    String prefix = "ttl" + UUID.randomUUID().toString().substring(0, 8);
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    try (ServiceBusTransport transport = ServiceBusTransport.connect(ServiceBusConfig.builder()
        .connectionString(server.connectionString()).namePrefix(prefix).provisioner(provisioner)
        .operationTimeout(Duration.ofSeconds(10)).build())) {
      OutgoingMessage shortLived = message("short-lived", Map.of(BrokerHeaders.EXPIRES_AT,
          Instant.now().plusMillis(300).toString()));
      OutgoingMessage lasting = message("lasting", Map.of());
      for (OutgoingMessage m : List.of(shortLived, lasting)) {
        transport.publish(List.of(m)).get(0).get(30, TimeUnit.SECONDS);
      }
      Thread.sleep(1_500);                    // no consumer yet: the first one's time to live runs out in the queue

      SubscriptionRequest request = new SubscriptionRequest("reminders",
          List.of(new SubscriptionRequest.Source(Destination.commands("orders"), Set.of(REMIND))), 1);
      try (Subscription s = transport.subscribe(request, batch -> batch.forEach(d -> {
        received.add(new String(((ServiceBusDelivery) d).message().getBody().toBytes(), StandardCharsets.UTF_8));
        d.ack();
      }))) {
        assertThat(received.poll(30, TimeUnit.SECONDS)).as("the message without expiry").isEqualTo("lasting");
        assertThat(received.poll(1, TimeUnit.SECONDS)).as("the expired message, dropped by the entity").isNull();
      }
    }
  }

  private static OutgoingMessage message(String body, Map<String, String> headers) {
    return new OutgoingMessage(UUID.randomUUID(), REMIND, Destination.commands("orders"), "o-1", 0, headers,
        body.getBytes(StandardCharsets.UTF_8));
  }
}

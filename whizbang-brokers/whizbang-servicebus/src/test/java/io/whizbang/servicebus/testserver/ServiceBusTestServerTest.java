package io.whizbang.servicebus.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test server driven by the official SDK: each test checks one behaviour of Service Bus it reproduces. */
class ServiceBusTestServerTest {

  private final TestServiceBus bus = TestServiceBus.shared();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private ServiceBusClientBuilder builder;

  @BeforeEach
  void setUp() {
    bus.requireRunning();
    builder = new ServiceBusClientBuilder().connectionString(bus.connectionString())
        .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(10)).setMaxRetries(1));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    closing.add(c);
    return c;
  }

  private ServiceBusSenderClient sender(String queue) {
    return closeLater(builder.sender().queueName(queue).buildClient());
  }

  private ServiceBusReceiverClient receiver(String queue) {
    return closeLater(builder.receiver().queueName(queue).disableAutoComplete().buildClient());
  }

  private List<ServiceBusReceivedMessage> receive(ServiceBusReceiverClient receiver, int count) {
    List<ServiceBusReceivedMessage> all = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (all.size() < count && System.nanoTime() < deadline) {
      receiver.receiveMessages(count - all.size(), Duration.ofSeconds(2)).forEach(all::add);
    }
    return all;
  }

  @Test
  void sendsAndReceivesOneMessageWithItsProperties() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    ServiceBusMessage message = new ServiceBusMessage(BinaryData.fromString("hello")).setMessageId("m-1")
        .setSubject("greeting").setCorrelationId("c-1").setContentType("text/plain");
    message.getApplicationProperties().put("count", 42L);
    message.getApplicationProperties().put("kind", "test");
    sender(queue).sendMessage(message);

    ServiceBusReceiverClient receiver = receiver(queue);
    List<ServiceBusReceivedMessage> got = receive(receiver, 1);

    assertThat(got).hasSize(1);
    ServiceBusReceivedMessage m = got.get(0);
    assertThat(m.getBody().toString()).isEqualTo("hello");
    assertThat(m.getMessageId()).isEqualTo("m-1");
    assertThat(m.getSubject()).isEqualTo("greeting");
    assertThat(m.getCorrelationId()).isEqualTo("c-1");
    assertThat(m.getApplicationProperties()).containsEntry("count", 42L).containsEntry("kind", "test");
    assertThat(m.getSequenceNumber()).isPositive();
    assertThat(m.getEnqueuedTime()).isNotNull();
    assertThat(m.getLockToken()).isNotEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(m.getLockedUntil()).isAfter(m.getEnqueuedTime());
    receiver.complete(m);
    assertThat(bus.counts(queue)).isEqualTo(new TestServiceBus.Counts(0, 0, 0, 0, 0));
  }

  @Test
  void unpacksABatch() {
    String queue = TestServiceBus.uniqueName("q");
    bus.declareQueue(queue);
    ServiceBusSenderClient sender = sender(queue);
    ServiceBusMessageBatch batch = sender.createMessageBatch();
    for (int i = 0; i < 20; i++) {
      assertThat(batch.tryAddMessage(new ServiceBusMessage("m" + i).setMessageId("id-" + i))).isTrue();
    }
    sender.sendMessages(batch);

    List<ServiceBusReceivedMessage> got = receive(receiver(queue), 20);

    assertThat(got).extracting(m -> m.getBody().toString())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
  }
}

package io.whizbang.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.contract.TransportContractTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The transport contract against the real broker, with the default settings (classic queues, single active
 * consumer). A subscriber's queue goes to one instance at a time, so competing subscriptions do not share load.
 */
class RabbitMqTransportContractTest extends TransportContractTest {

  private RabbitMqTransport created;
  private String prefix;
  private final List<String> refusingQueues = new ArrayList<>();

  @BeforeEach
  void requireBroker() {
    Broker.require();
  }

  @Override
  protected Transport newTransport() {
    Broker.require();
    prefix = Broker.uniquePrefix();
    created = RabbitMqTransport.connect(settings(Broker.config(prefix)).build());
    return created;
  }

  /** The settings under test; subclasses vary them. */
  RabbitMqConfig.Builder settings(RabbitMqConfig.Builder builder) {
    return builder;
  }

  /** AMQP priorities: the transport never warns that it ignores one (MessageOptionsTest shows the overtaking). */
  @Override
  protected boolean honoursPriorities() {
    return true;
  }

  @Override
  protected boolean sharesLoadBetweenCompetingConsumers() {
    return false;
  }

  /**
   * RabbitMQ takes the suite's default 17 MiB body (its limit is 128 MiB), so the refused message goes to a command
   * queue that already exists with other arguments than this transport's: the transport cannot declare it, and the
   * message fails before it is sent (a broker nack is tested in {@link PublishOrderTest}).
   */
  @Override
  protected OutgoingMessage unpublishable(Destination destination, String wireName, String key, int seq) {
    String domain = "refusing" + UUID.randomUUID().toString().substring(0, 8);
    String queue = new Names(prefix).commandQueue(domain);
    try (Connection connection = Broker.factory().newConnection("whizbang-test-setup")) {
      Channel channel = connection.createChannel();
      channel.queueDeclare(queue, true, false, false, Map.of()); // no dead-letter exchange: not the transport's
      channel.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot declare " + queue + ": " + e.getMessage(), e);
    }
    refusingQueues.add(queue);
    byte[] body = ("contract|refused|" + wireName + "|" + key + "|" + seq).getBytes(StandardCharsets.UTF_8);
    return new OutgoingMessage(UUID.randomUUID(), wireName, Destination.commands(domain), key, 0,
        Map.of("wb-type", wireName), body);
  }

  @AfterEach
  void deleteWhatTheTestDeclared() {
    if (created != null) {
      List<String> queues = new ArrayList<>(created.declaredQueues());
      queues.addAll(refusingQueues);
      Broker.delete(queues, created.declaredExchanges());
    }
  }
}

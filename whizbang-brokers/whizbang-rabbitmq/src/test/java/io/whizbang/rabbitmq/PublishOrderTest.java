package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The publish-order contract within one call (issue 12, RabbitMQ's partial nacks): once a message of a key fails,
 * the later messages of that key in the call fail too, so the outbox never marks one of them published ahead of it.
 */
class PublishOrderTest extends BrokerTestBase {

  /**
   * A real nack: the first message of key k goes to a full queue with overflow reject-publish, the second (another
   * type, routed to another queue) would be accepted by the broker. It must not be sent at all: had it been sent
   * before the nack came back, it would sit in its queue ahead of the first message's retry, and a consumer would
   * apply it first. A key has at most one unconfirmed message on the wire.
   */
  @Test
  void aNackedMessageKeepsTheLaterMessagesOfItsKeyInTheCallUnsent() throws Exception {
    String orders = domain("orders");
    String full = names.subscriberQueue(subscriber("full"));
    String open = names.subscriberQueue(subscriber("open"));
    try (Connection connection = Broker.factory().newConnection("whizbang-test-setup")) {
      Channel channel = connection.createChannel();
      channel.exchangeDeclare(names.eventsExchange(orders), BuiltinExchangeType.TOPIC, true);
      channel.queueDeclare(full, true, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
      channel.queueDeclare(open, true, false, false, Map.of());
      channel.queueBind(full, names.eventsExchange(orders), "orders.Placed");
      channel.queueBind(open, names.eventsExchange(orders), "orders.Paid");
      channel.basicPublish("", full, null, Recorder.text("filler")); // the full queue is full
      channel.close();
    }
    RabbitMqTransport transport = transport();

    List<CompletableFuture<Void>> futures = transport.publish(List.of(
        event(orders, "orders.Placed", "k", "k:1 refused"),
        event(orders, "orders.Paid", "k", "k:2 would be accepted by the broker"),
        event(orders, "orders.Paid", "other", "other:1")));

    assertThatThrownBy(() -> futures.get(0).get(20, TimeUnit.SECONDS)).cause()
        .isInstanceOf(RabbitMqPublishException.class).hasMessageContaining("refused (nack)");
    assertThatThrownBy(() -> futures.get(1).get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(RabbitMqPublishException.class)
        .hasMessageContaining("of partition key 'k' was not sent: earlier message")
        .hasMessageContaining("refused (nack)");
    assertThat(futures.get(2).get(20, TimeUnit.SECONDS)).as("another key is not held").isNull();
    assertThat(Broker.readyCount(open)).as("only other:1 reached the open queue, k:2 was never sent").isEqualTo(1);
  }

  /**
   * A failure known before sending (the destination cannot be declared) keeps the later messages of the key from
   * being sent at all.
   */
  @Test
  void aMessageThatFailsBeforeSendingKeepsTheLaterOnesOfItsKeyUnsent() throws Exception {
    String orders = domain("orders");
    String payments = domain("payments");
    String billing = subscriber("billing");
    try (Connection connection = Broker.factory().newConnection("whizbang-test-setup")) {
      Channel channel = connection.createChannel();
      channel.queueDeclare(names.commandQueue(payments), true, false, false, Map.of()); // other arguments: refused
      channel.close();
    }
    RabbitMqTransport transport = transport();
    transport.subscribe(events(billing, orders, 1, "orders.Placed"), batch -> { }).close();

    List<CompletableFuture<Void>> futures = transport.publish(List.of(
        command(payments, "payments.Charge", "k", 0, "k:1 to a queue that cannot be declared"),
        event(orders, "orders.Placed", "k", "k:2"),
        event(orders, "orders.Placed", "other", "other:1")));

    assertThatThrownBy(() -> futures.get(0).get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    assertThatThrownBy(() -> futures.get(1).get(20, TimeUnit.SECONDS)).cause()
        .isInstanceOf(RabbitMqPublishException.class)
        .hasMessageContaining("of partition key 'k' was not sent: earlier message");
    assertThat(futures.get(2).get(20, TimeUnit.SECONDS)).isNull();
    assertThat(Broker.readyCount(names.subscriberQueue(billing))).as("only other:1 reached the queue").isEqualTo(1);
  }
}

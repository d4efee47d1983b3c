package io.whizbang.rabbitmq;

import static io.whizbang.rabbitmq.ConsumingTest.assertInOrderPerKey;
import static io.whizbang.rabbitmq.ConsumingTest.numbered;
import static io.whizbang.rabbitmq.ConsumingTest.publishAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumQueueTest extends BrokerTestBase {

  @Test
  void quorumQueuesWithASingleActiveConsumerDeliverInOrderPerKey() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Recorder recorder = new Recorder();
    RabbitMqTransport transport = transport(b -> b.queueType(QueueType.QUORUM));
    transport.subscribe(events(billing, orders, 2, "orders.Placed"), recorder);

    publishAll(transport, numbered(orders, 50, 5));

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 50)).isTrue();
    assertInOrderPerKey(recorder.bodies());
  }

  @Test
  void quorumQueuesCountRedeliveries() {
    String payments = domain("payments");
    Recorder recorder = new Recorder() {
      @Override
      boolean accept(Delivery delivery) {
        if (delivery.deliveryCount() < 3) {
          delivery.release(Duration.ZERO);
          return false;
        }
        return true;
      }
    };
    RabbitMqTransport transport = transport(b -> b.queueType(QueueType.QUORUM));
    transport.subscribe(commands("payments-service", payments, 1, "payments.Charge"), recorder);

    publishAll(transport, List.of(command(payments, "payments.Charge", "p-1", 0, "third time lucky")));

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 1)).isTrue();
    assertThat(recorder.deliveries().get(0).deliveryCount()).isEqualTo(3);
  }

  @Test
  void aMessageOverTheDeliveryLimitIsDeadLetteredByTheBroker() {
    String payments = domain("payments");
    Recorder poisoned = new Recorder() {
      @Override
      boolean accept(Delivery delivery) {
        delivery.release(Duration.ZERO); // keeps failing
        return false;
      }
    };
    RabbitMqTransport transport = transport(b -> b.queueType(QueueType.QUORUM).deliveryLimit(2));
    transport.subscribe(commands("payments-service", payments, 1, "payments.Charge"), poisoned);

    publishAll(transport, List.of(command(payments, "payments.Charge", "p-1", 0, "poison")));

    assertThat(Recorder.await(WAIT, () -> Broker.readyCount(names.deadLetterQueue()) == 1)).isTrue();
  }
}

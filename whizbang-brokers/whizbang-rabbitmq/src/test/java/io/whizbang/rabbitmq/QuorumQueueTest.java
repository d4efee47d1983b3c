package io.whizbang.rabbitmq;

import static io.whizbang.rabbitmq.ConsumingTest.assertInOrderPerKey;
import static io.whizbang.rabbitmq.ConsumingTest.numbered;
import static io.whizbang.rabbitmq.ConsumingTest.publishAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  /** The broker counts its redeliveries (here after two consumers died while handling the message). */
  @Test
  void quorumQueuesCountRedeliveries() {
    String payments = domain("payments");
    RabbitMqTransport publisher = transport(b -> b.queueType(QueueType.QUORUM));
    publisher.subscribe(commands("payments-service", payments, 1, "payments.Charge"), batch -> {
      throw new IllegalStateException("not this one"); // declares the queue; closed before anything is sent
    }).close();
    publishAll(publisher, List.of(command(payments, "payments.Charge", "p-1", 0, "third time lucky")));

    CountDownLatch dying = new CountDownLatch(1);
    try {
      for (int crash = 0; crash < 2; crash++) {
        crashWhileHandling(payments, dying);
      }
      Recorder recorder = new Recorder();
      transport(b -> b.queueType(QueueType.QUORUM))
          .subscribe(commands("payments-service", payments, 1, "payments.Charge"), recorder);

      assertThat(Recorder.await(WAIT, () -> recorder.size() == 1)).isTrue();
      assertThat(recorder.deliveries().get(0).deliveryCount()).isEqualTo(3);
    } finally {
      dying.countDown();
    }
  }

  /**
   * The broker's delivery limit counts broker deliveries: a message that takes down every consumer that handles it
   * is dead-lettered by the broker. (A handler failure is retried by the consumer itself, without the broker.)
   */
  @Test
  void aMessageOverTheDeliveryLimitIsDeadLetteredByTheBroker() {
    String payments = domain("payments");
    RabbitMqTransport publisher = transport(b -> b.queueType(QueueType.QUORUM).deliveryLimit(2));
    publisher.subscribe(commands("payments-service", payments, 1, "payments.Charge"), batch -> {
      throw new IllegalStateException("not this one");
    }).close();
    publishAll(publisher, List.of(command(payments, "payments.Charge", "p-1", 0, "poison")));

    CountDownLatch dying = new CountDownLatch(1);
    try {
      for (int crash = 0; crash < 5 && Broker.readyCount(names.deadLetterQueue()) < 1; crash++) {
        crashWhileHandling(payments, dying, b -> b.deliveryLimit(2));
      }
      assertThat(Recorder.await(WAIT, () -> Broker.readyCount(names.deadLetterQueue()) == 1)).isTrue();
    } finally {
      dying.countDown();
    }
  }

  private void crashWhileHandling(String payments, CountDownLatch dying) {
    crashWhileHandling(payments, dying, b -> b);
  }

  /** A consumer takes the message and dies while handling it: nothing is acknowledged. */
  private void crashWhileHandling(String payments, CountDownLatch dying,
      java.util.function.UnaryOperator<RabbitMqConfig.Builder> settings) {
    CountDownLatch received = new CountDownLatch(1);
    RabbitMqTransport consumer = transport(b -> settings.apply(b.queueType(QueueType.QUORUM)));
    consumer.subscribe(commands("payments-service", payments, 1, "payments.Charge"), batch -> {
      received.countDown();
      await(dying);
    });
    if (await(received)) {
      consumer.crashConsumers();
    }
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

package io.whizbang.rabbitmq;

import static io.whizbang.rabbitmq.ConsumingTest.assertInOrderPerKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Connection loss from the server side, and a broker restart, while messages flow both ways. The publisher retries
 * what did not confirm (as the outbox does); the consumer sees every message, in order per key once duplicates are
 * removed (as the inbox does).
 */
class RecoveryTest extends BrokerTestBase {

  private static final int MESSAGES = 300;

  @Test
  void aConnectionClosedByTheBrokerLosesNothing() {
    String rabbitmqctl = requireRabbitmqctl();
    survives(transports -> Broker.closeConnectionsOf(rabbitmqctl, transports));
  }

  /**
   * An instance whose connection drops must not handle what it had taken before: the broker put those messages
   * back, and with a single active consumer the next instance handles them. Handling the old copies as well would
   * run a key's messages on two instances at once. (Only the batch in the handler when the drop happens runs on.)
   */
  @Test
  void deliveriesTakenBeforeAConnectionDropAreNotHandledAfterIt() throws Exception {
    String rabbitmqctl = requireRabbitmqctl();
    String orders = domain("orders");
    String billing = subscriber("billing");
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    Recorder dropped = new Recorder() {
      @Override
      boolean accept(Delivery delivery) {
        inHandler.countDown();
        try {
          goOn.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return true;
      }
    };
    RabbitMqTransport first = transport(b -> b.maxBatch(1).recoveryInterval(Duration.ofMillis(200)));
    first.subscribe(events(billing, orders, 1, "orders.Placed"), dropped);
    Recorder next = new Recorder();
    transport().subscribe(events(billing, orders, 1, "orders.Placed"), next);
    ConsumingTest.publishAll(transport(), ConsumingTest.numbered(orders, 20, 1));
    assertThat(inHandler.await(20, TimeUnit.SECONDS)).isTrue();
    Recorder.quiet(Duration.ofMillis(300)); // the other 19 reach the first instance's buffer

    Broker.closeConnectionsOf(rabbitmqctl, first);
    assertThat(Recorder.await(WAIT, () -> next.size() == 20)).isTrue();
    goOn.countDown();
    Recorder.quiet(Duration.ofMillis(500));

    assertInOrderPerKey(next.bodies());
    assertThat(dropped.bodies()).as("handled by the instance whose connection dropped").hasSize(1);
  }

  @Test
  void aBrokerRestartLosesNothing() {
    String rabbitmqctl = requireRabbitmqctl();
    Broker.requireDisruptionAllowed();
    survives(transports -> {
      assertThat(Broker.run(List.of(rabbitmqctl, "-q", "stop_app"))).isZero();
      assertThat(Broker.run(List.of(rabbitmqctl, "-q", "start_app"))).isZero();
    });
  }

  @Test
  void aPublishTheBrokerDoesNotConfirmInTimeFailsItsFuture() throws Exception {
    String rabbitmqctl = requireRabbitmqctl();
    Broker.requireDisruptionAllowed();
    String orders = domain("orders");
    RabbitMqTransport transport = transport(b -> b.confirmTimeout(Duration.ofMillis(500)));
    transport.subscribe(events(subscriber("billing"), orders, 1, "orders.Placed"), new Recorder()).close();
    // A memory alarm makes the broker stop reading from publishing connections: no confirm can come back.
    assertThat(Broker.run(List.of(rabbitmqctl, "-q", "set_vm_memory_high_watermark", "0.000001"))).isZero();
    CompletableFuture<Void> future;
    try {
      Recorder.quiet(Duration.ofMillis(300)); // the alarm takes effect at the broker's next memory check
      future = transport.publish(List.of(event(orders, "orders.Placed", "o-1", "stuck"))).get(0);
      assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS)).cause()
          .isInstanceOf(RabbitMqPublishException.class)
          .hasMessageContaining("did not confirm")
          .hasMessageContaining("within 500 ms");
    } finally {
      assertThat(Broker.run(List.of(rabbitmqctl, "-q", "set_vm_memory_high_watermark", "0.4"))).isZero();
    }
  }

  private void survives(Consumer<RabbitMqTransport[]> failure) {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Recorder recorder = new Recorder();
    RabbitMqTransport consumer = transport(b -> b.recoveryInterval(Duration.ofMillis(250)));
    consumer.subscribe(events(billing, orders, 2, "orders.Placed"), recorder);
    RabbitMqTransport publisher = transport(b -> b.recoveryInterval(Duration.ofMillis(250))
        .confirmTimeout(Duration.ofSeconds(5)));
    List<OutgoingMessage> messages = IntStream.range(0, MESSAGES)
        .mapToObj(i -> event(orders, "orders.Placed", "k" + (i % 3), "k" + (i % 3) + ":" + i)).toList();
    AtomicInteger retried = new AtomicInteger();

    for (int from = 0; from < MESSAGES; from += 20) {
      if (from == MESSAGES / 2 / 20 * 20) {
        assertThat(Recorder.await(WAIT, () -> recorder.size() > 0)).isTrue();
        failure.accept(new RabbitMqTransport[] {consumer, publisher});
      }
      publishUntilConfirmed(publisher, messages.subList(from, from + 20), retried);
    }

    assertThat(Recorder.await(Duration.ofSeconds(60), () -> firstOccurrences(recorder).size() == MESSAGES))
        .as("received %d of %d distinct", firstOccurrences(recorder).size(), MESSAGES).isTrue();
    assertInOrderPerKey(firstOccurrences(recorder));
    assertThat(consumer.recoveries()).as("consumer reconnections").isPositive();
    assertThat(publisher.recoveries()).as("publisher reconnections").isPositive();
  }

  /** What the outbox does: publish, and publish again whatever failed, in order, until all are confirmed. */
  private static void publishUntilConfirmed(RabbitMqTransport transport, List<OutgoingMessage> batch,
      AtomicInteger retried) {
    List<OutgoingMessage> remaining = batch;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!remaining.isEmpty()) {
      assertThat(System.nanoTime()).as("publishing did not recover within 60 s").isLessThan(deadline);
      List<CompletableFuture<Void>> futures = transport.publish(remaining);
      List<OutgoingMessage> failed = new ArrayList<>();
      boolean earlierFailed = false;
      for (int i = 0; i < futures.size(); i++) {
        boolean ok;
        try {
          futures.get(i).get(10, TimeUnit.SECONDS);
          ok = true;
        } catch (Exception e) {
          ok = false;
        }
        // Like the relay: once one message failed, later ones are sent again too, keeping per-key order.
        if (!ok || earlierFailed) {
          earlierFailed = true;
          failed.add(remaining.get(i));
        }
      }
      if (!failed.isEmpty()) {
        retried.addAndGet(failed.size());
        Recorder.quiet(Duration.ofMillis(200));
      }
      remaining = failed;
    }
  }

  private static List<String> firstOccurrences(Recorder recorder) {
    return new ArrayList<>(new LinkedHashSet<>(recorder.bodies()));
  }

  private static String requireRabbitmqctl() {
    return Broker.requireRabbitmqctl();
  }
}

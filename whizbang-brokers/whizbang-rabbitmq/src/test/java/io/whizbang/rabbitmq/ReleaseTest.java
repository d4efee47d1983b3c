package io.whizbang.rabbitmq;

import static io.whizbang.rabbitmq.ConsumingTest.assertInOrderPerKey;
import static io.whizbang.rabbitmq.ConsumingTest.publishAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReleaseTest extends BrokerTestBase {

  @Test
  void aMessageReleasedWithADelayIsHandedBackAfterTheDelay() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Recorder recorder = new Recorder() {
      @Override
      boolean accept(Delivery delivery) {
        if (delivery.deliveryCount() == 1) {
          delivery.release(Duration.ofMillis(200));
          return false;
        }
        return true;
      }
    };
    RabbitMqTransport transport = transport();
    transport.subscribe(events(billing, orders, 1, "orders.Placed"), recorder);

    publishAll(transport, List.of(event(orders, "orders.Placed", "o-1", "retry me")));

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 1)).isTrue();
    assertThat(recorder.bodies()).containsExactly("retry me");
    assertThat(recorder.deliveries().get(0).deliveryCount()).isEqualTo(2);
  }

  @Test
  void aMessageReleasedWithoutDelayIsRedeliveredAtOnce() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Recorder recorder = new Recorder() {
      @Override
      boolean accept(Delivery delivery) {
        if (delivery.deliveryCount() == 1) {
          delivery.release(Duration.ZERO);
          return false;
        }
        return true;
      }
    };
    RabbitMqTransport transport = transport();
    transport.subscribe(events(billing, orders, 1, "orders.Placed"), recorder);

    publishAll(transport, List.of(event(orders, "orders.Placed", "o-1", "again")));

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 1)).isTrue();
    assertThat(recorder.deliveries().get(0).deliveryCount()).isEqualTo(2);
  }

  @Test
  void releaseWithoutDelayKeepsTheKeysOrder() {
    releaseKeepsOrder(Duration.ZERO);
  }

  @Test
  void releaseWithDelayKeepsTheKeysOrder() {
    releaseKeepsOrder(Duration.ofMillis(300));
  }

  /**
   * The handler fails the first message of key k0 once and leaves the rest of its batch unsettled; later messages
   * of k0, including ones published while it waits, must still be handled after it.
   */
  private void releaseKeepsOrder(Duration delay) {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    Recorder recorder = new Recorder() {
      @Override
      public void handle(List<Delivery> batch) {
        for (Delivery delivery : batch) {
          String body = new String(delivery.body(), StandardCharsets.UTF_8);
          if (body.equals("k0:0") && failedOnce.add(body)) {
            delivery.release(delay);
            return; // the rest of the batch stays unsettled and is released by the transport
          }
          super.handle(List.of(delivery));
        }
      }
    };
    RabbitMqTransport transport = transport(b -> b.maxBatch(10));
    transport.subscribe(events(billing, orders, 1, "orders.Placed"), recorder);

    publishAll(transport, numbered(orders, 0, 40));
    Recorder.await(WAIT, () -> !failedOnce.isEmpty());
    publishAll(transport, numbered(orders, 40, 80));

    assertThat(Recorder.await(WAIT, () -> recorder.size() >= 80)).isTrue();
    assertThat(failedOnce).containsExactly("k0:0");
    assertInOrderPerKey(recorder.bodies());
    assertThat(Set.copyOf(recorder.bodies())).hasSize(80);
  }

  /**
   * A hold longer than maxUnackedHold gives its messages back to the queue (the broker would otherwise close the
   * channel at its consumer_timeout); they come back at once, stay held until the delay is over, and keep their order.
   */
  @Test
  void aHoldLongerThanMaxUnackedHoldIsRequeuedInPlaceAndKeepsItsEnd() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Duration delay = Duration.ofMillis(1500);
    List<Long> runsOfTheFirst = new java.util.concurrent.CopyOnWriteArrayList<>();
    Recorder recorder = new Recorder() {
      @Override
      public void handle(List<Delivery> batch) {
        for (Delivery delivery : batch) {
          if (new String(delivery.body(), StandardCharsets.UTF_8).equals("k0:0")) {
            runsOfTheFirst.add(System.nanoTime());
            if (runsOfTheFirst.size() == 1) {
              delivery.release(delay);
              return; // the rest of the batch stays unsettled and is released by the transport
            }
          }
          super.handle(List.of(delivery));
        }
      }
    };
    RabbitMqTransport transport = transport(b -> b.maxUnackedHold(Duration.ofMillis(200)));
    transport.subscribe(events(billing, orders, 1, "orders.Placed"), recorder);

    publishAll(transport, numbered(orders, 0, 20));

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 20)).isTrue();
    assertInOrderPerKey(recorder.bodies());
    assertThat(recorder.bodies()).doesNotHaveDuplicates();
    assertThat(runsOfTheFirst).hasSize(2);
    assertThat(Duration.ofNanos(runsOfTheFirst.get(1) - runsOfTheFirst.get(0))).isGreaterThanOrEqualTo(delay);
    RabbitMqDelivery retried = (RabbitMqDelivery) recorder.deliveries().get(recorder.bodies().indexOf("k0:0"));
    assertThat(retried.brokerDeliveries()).as("the broker redelivered it after the requeue").isGreaterThan(1);
  }

  /**
   * Issue 23, 3: a message held back behind a failing one of its key (released unhandled each time the first fails
   * again) keeps delivery count 1; only the failing message's count rises, once per handler run.
   */
  @Test
  void aMessageHeldBackBehindAFailingOneKeepsItsDeliveryCount() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Duration delay = Duration.ofMillis(100);
    java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    Recorder recorder = new Recorder() {
      @Override
      public void handle(List<Delivery> batch) {
        Set<String> releasedKeys = new java.util.HashSet<>(); // as the inbox does: later ones of the key follow
        for (Delivery delivery : batch) {
          if (releasedKeys.contains(delivery.partitionKey())) {
            delivery.release(delay);
          } else if (new String(delivery.body(), StandardCharsets.UTF_8).equals("k0:0")
              && failures.getAndIncrement() < 3) {
            delivery.release(delay);
            releasedKeys.add(delivery.partitionKey());
          } else {
            super.handle(List.of(delivery));
          }
        }
      }
    };
    RabbitMqTransport transport = transport();
    transport.subscribe(events(billing, orders, 1, "orders.Placed"), recorder);

    publishAll(transport, numbered(orders, 0, 10));

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 10)).isTrue();
    assertInOrderPerKey(recorder.bodies());
    Map<String, Integer> counts = new java.util.HashMap<>();
    for (Delivery delivery : recorder.deliveries()) {
      counts.put(new String(delivery.body(), StandardCharsets.UTF_8), delivery.deliveryCount());
    }
    assertThat(counts.remove("k0:0")).as("three failed runs, then the fourth").isEqualTo(4);
    assertThat(counts).as("never handled before their last delivery").allSatisfy((body, count) ->
        assertThat(count).as(body).isEqualTo(1));
  }

  private static List<OutgoingMessage> numbered(String domain, int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> event(domain, "orders.Placed", "k" + (i % 2), "k" + (i % 2) + ":" + i)).toList();
  }
}

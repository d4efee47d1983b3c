package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsumingTest extends BrokerTestBase {

  @Test
  void everySubscribingServiceGetsItsOwnCopy() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    String shipping = subscriber("shipping");
    RabbitMqTransport transport = transport();
    Recorder billed = new Recorder();
    Recorder shipped = new Recorder();
    transport.subscribe(events(billing, orders, 2, "orders.Placed"), billed);
    transport.subscribe(events(shipping, orders, 2, "orders.Placed"), shipped);

    publishAll(transport, numbered(orders, 20, 4));

    assertThat(Recorder.await(WAIT, () -> billed.size() == 20 && shipped.size() == 20)).isTrue();
    assertThat(new HashSet<>(billed.bodies())).isEqualTo(new HashSet<>(shipped.bodies())).hasSize(20);
  }

  @Test
  void instancesOfOneServiceCompeteForItsMessages() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    transport(b -> b.ordering(Ordering.COMPETING).prefetch(1))
        .subscribe(events(billing, orders, 1, "orders.Placed"), first);
    transport(b -> b.ordering(Ordering.COMPETING).prefetch(1))
        .subscribe(events(billing, orders, 1, "orders.Placed"), second);

    publishAll(transport(), numbered(orders, 60, 6));

    assertThat(Recorder.await(WAIT, () -> first.size() + second.size() == 60)).isTrue();
    Recorder.quiet(java.time.Duration.ofMillis(300));
    assertThat(first.size()).isPositive();
    assertThat(second.size()).isPositive();
    Set<String> all = new HashSet<>(first.bodies());
    all.addAll(second.bodies());
    assertThat(all).hasSize(60);
    assertThat(first.size() + second.size()).isEqualTo(60);
  }

  @Test
  void singleActiveConsumerKeepsPerKeyOrderAcrossInstancesAndFailsOver() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    Subscription active = transport().subscribe(events(billing, orders, 3, "orders.Placed"), first);
    transport().subscribe(events(billing, orders, 3, "orders.Placed"), second);
    RabbitMqTransport publisher = transport();

    publishAll(publisher, numbered(orders, 100, 5));
    assertThat(Recorder.await(WAIT, () -> first.size() == 100)).isTrue();
    assertThat(second.size()).isZero();

    active.close();
    List<OutgoingMessage> more = IntStream.range(100, 200)
        .mapToObj(i -> event(orders, "orders.Placed", "k" + (i % 5), "k" + (i % 5) + ":" + i)).toList();
    publishAll(publisher, more);

    assertThat(Recorder.await(WAIT, () -> second.size() == 100)).isTrue();
    List<String> all = new ArrayList<>(first.bodies());
    all.addAll(second.bodies());
    assertInOrderPerKey(all);
    assertThat(new HashSet<>(all)).hasSize(200);
  }

  @Test
  void messagesOfOneKeyShareALaneInPublishOrder() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Map<String, Set<String>> threadsByKey = new ConcurrentHashMap<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Recorder recorder = new Recorder() {
      @Override
      boolean accept(Delivery delivery) {
        threadsByKey.computeIfAbsent(delivery.partitionKey(), k -> ConcurrentHashMap.newKeySet())
            .add(Thread.currentThread().getName());
        threads.add(Thread.currentThread().getName());
        return true;
      }
    };
    transport().subscribe(events(billing, orders, 4, "orders.Placed"), recorder);

    publishAll(transport(), numbered(orders, 400, 16));

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 400)).isTrue();
    assertInOrderPerKey(recorder.bodies());
    assertThat(threadsByKey.values()).allSatisfy(names -> assertThat(names).hasSize(1));
    assertThat(threads).hasSizeGreaterThan(1);
  }

  @Test
  void onlyTheSubscribedEventTypesAreDelivered() {
    String orders = domain("orders");
    String billing = subscriber("billing");
    Recorder recorder = new Recorder();
    RabbitMqTransport transport = transport();
    transport.subscribe(events(billing, orders, 1, "orders.Placed"), recorder);

    publishAll(transport, List.of(event(orders, "orders.Placed", "o-1", "wanted"),
        event(orders, "orders.Audited", "o-1", "unwanted"), event(orders, "orders.Placed", "o-2", "wanted-too")));

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 2)).isTrue();
    Recorder.quiet(java.time.Duration.ofMillis(200));
    assertThat(recorder.bodies()).containsExactly("wanted", "wanted-too");
  }

  @Test
  void aCommandTheOwnerDoesNotHandleIsDeadLetteredNotDropped() {
    String payments = domain("payments");
    Recorder recorder = new Recorder();
    RabbitMqTransport transport = transport();
    transport.subscribe(commands("payments-service", payments, 1, "payments.Charge"), recorder);

    publishAll(transport, List.of(command(payments, "payments.Refund", "p-1", 0, "unknown"),
        command(payments, "payments.Charge", "p-1", 0, "known")));

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 1)).isTrue();
    assertThat(Recorder.await(WAIT, () -> Broker.readyCount(names.deadLetterQueue()) == 1)).isTrue();
    assertThat(recorder.bodies()).containsExactly("known");
  }

  @Test
  void aConsumerThatDiesBeforeAcknowledgingGetsTheMessageRedelivered() throws Exception {
    String orders = domain("orders");
    String billing = subscriber("billing");
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch crashed = new CountDownLatch(1);
    RabbitMqTransport dying = transport();
    dying.subscribe(events(billing, orders, 1, "orders.Placed"), batch -> {
      received.countDown();
      await(crashed); // the process dies while the handler runs: nothing is acknowledged
    });
    publishAll(transport(), List.of(event(orders, "orders.Placed", "o-1", "survivor")));
    assertThat(received.await(20, TimeUnit.SECONDS)).isTrue();

    dying.crashConsumers();
    Recorder recorder = new Recorder();
    transport().subscribe(events(billing, orders, 1, "orders.Placed"), recorder);

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 1)).isTrue();
    crashed.countDown();
    assertThat(recorder.bodies()).containsExactly("survivor");
    assertThat(recorder.deliveries().get(0).deliveryCount()).isEqualTo(2);
  }

  @Test
  void higherPriorityCommandsOvertakeWaitingLowerOnes() {
    String payments = domain("payments");
    RabbitMqTransport transport = transport(b -> b.prefetch(1).maxBatch(1));
    List<OutgoingMessage> low = IntStream.range(0, 10)
        .mapToObj(i -> command(payments, "payments.Charge", "p" + i, 0, "low-" + i)).toList();
    List<OutgoingMessage> high = IntStream.range(0, 3)
        .mapToObj(i -> command(payments, "payments.Charge", "p" + i, 9, "high-" + i)).toList();
    publishAll(transport, low);
    publishAll(transport, high);
    Recorder recorder = new Recorder();

    transport.subscribe(commands("payments-service", payments, 1, "payments.Charge"), recorder);

    assertThat(Recorder.await(WAIT, () -> recorder.size() == 13)).isTrue();
    assertThat(recorder.bodies().subList(0, 3)).containsExactly("high-0", "high-1", "high-2");
    assertThat(recorder.bodies().subList(3, 13)).allMatch(body -> body.startsWith("low-"));
  }

  static void publishAll(RabbitMqTransport transport, List<OutgoingMessage> messages) {
    List<CompletableFuture<Void>> futures = transport.publish(messages);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS).join();
  }

  /** {@code count} events over {@code keys} keys, bodies {@code key:sequence}. */
  static List<OutgoingMessage> numbered(String domain, int count, int keys) {
    return IntStream.range(0, count)
        .mapToObj(i -> event(domain, "orders.Placed", "k" + (i % keys), "k" + (i % keys) + ":" + i)).toList();
  }

  /** Bodies {@code key:sequence}: for each key the sequences must rise (duplicates of the last one allowed). */
  static void assertInOrderPerKey(List<String> bodies) {
    Map<String, List<Integer>> byKey = bodies.stream().collect(Collectors.groupingBy(
        body -> body.substring(0, body.indexOf(':')),
        Collectors.mapping(body -> Integer.parseInt(body.substring(body.indexOf(':') + 1)), Collectors.toList())));
    byKey.forEach((key, sequence) -> {
      for (int i = 1; i < sequence.size(); i++) {
        assertThat(sequence.get(i)).as("order of key %s: %s", key, sequence).isGreaterThanOrEqualTo(sequence.get(i - 1));
      }
    });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.whizbang.runtime.transport.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the in-memory transport promises beyond the shared contract: its memory bound, threads and hand-over. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InMemoryTransportTest {

  private InMemoryTransport transport;

  @AfterEach
  void close() {
    if (transport != null) {
      transport.close();
    }
  }

  private static OutgoingMessage message(Destination d, String key, String body) {
    return new OutgoingMessage(UUID.randomUUID(), "w.Msg", d, key, 0, Map.of(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static SubscriptionRequest request(String subscriber, Destination d, int concurrency) {
    return new SubscriptionRequest(subscriber, List.of(new Source(d, Set.of("w.Msg"))), concurrency);
  }

  private static String body(Delivery d) {
    return new String(d.body(), StandardCharsets.UTF_8);
  }

  /** Records bodies and acknowledges. */
  private static DeliveryHandler recording(List<String> into) {
    return batch -> batch.forEach(d -> {
      into.add(body(d));
      d.ack();
    });
  }

  @Test
  void aSubscriberAtCapacityMakesPublishesFailClearlyUntilItCatchesUp() {
    transport = InMemoryTransport.builder().capacityPerSubscriber(3).build();
    Destination events = Destination.events("cap");
    transport.subscribe(request("slow", events, 1), batch -> {}).close(); // bound, but nobody consuming

    List<CompletableFuture<Void>> results = transport.publish(List.of(message(events, "a", "1"),
        message(events, "b", "2"), message(events, "c", "3"), message(events, "d", "4")));

    assertThat(results.subList(0, 3)).allSatisfy(f -> assertThat(f).isCompleted());
    assertThat(results.get(3)).failsWithin(Duration.ZERO).withThrowableThat()
        .havingRootCause().isInstanceOf(InMemoryTransportFullException.class)
        .withMessageContaining("subscriber 'slow' already holds 3 unacknowledged messages (capacity 3)")
        .withMessageContaining("capacityPerSubscriber");

    List<String> got = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("slow", events, 1), recording(got));
    Await.until(() -> got.size() == 3, "the backlog consumed");
    Await.until(() -> transport.publish(List.of(message(events, "e", "5"))).get(0).isDone()
        && got.contains("5"), "publishing accepted again");
  }

  @Test
  void atCapacityALaterMessageOfAKeyIsRefusedOnceAnEarlierOneOfTheCallWas() {
    // Consumers free capacity while publish runs: without the rule a refused message would be overtaken by the
    // next message of its key in the same call.
    transport = InMemoryTransport.builder().capacityPerSubscriber(4).build();
    Destination events = Destination.events("capkeys");
    transport.subscribe(request("busy", events, 4), batch -> batch.forEach(Delivery::ack));
    int calls = 4_000;
    int overtaken = 0;
    int refusedCalls = 0;
    for (int call = 0; call < calls; call++) {
      List<OutgoingMessage> batch = new ArrayList<>();
      for (int seq = 0; seq < 4; seq++) {
        batch.add(message(events, "key-" + call, call + ":" + seq));
      }
      boolean refused = false;
      for (CompletableFuture<Void> f : transport.publish(batch)) {
        if (f.isCompletedExceptionally()) {
          refused = true;
        } else if (refused) {
          overtaken++;
        }
      }
      refusedCalls += refused ? 1 : 0;
    }

    assertThat(refusedCalls).as("calls that met the capacity").isPositive();
    assertThat(overtaken).as("messages accepted after an earlier message of their key was refused").isZero();
    Await.until(() -> !transport.publish(List.of(message(events, "x", "x:0"))).get(0).isCompletedExceptionally(),
        "publishing accepted again once the consumer caught up");
  }

  @Test
  void commandsSentBeforeTheirOwnerSubscribedWaitForIt() {
    transport = new InMemoryTransport();
    Destination commands = Destination.commands("late");

    assertThat(transport.publish(List.of(message(commands, "k", "early-1"), message(commands, "k", "early-2"))))
        .allSatisfy(f -> assertThat(f).isCompleted());
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("owner", commands, 1), recording(got));

    Await.until(() -> got.size() == 2, "held commands delivered");
    assertThat(got).containsExactly("early-1", "early-2");
  }

  @Test
  void waitingMessagesOfOneKeyAreHandedOverTogetherInOrder() {
    // A hot key (one aggregate) must not cost one handler call, and so one transaction, per message.
    transport = new InMemoryTransport();
    Destination commands = Destination.commands("hot-key");
    List<OutgoingMessage> backlog = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      backlog.add(message(commands, "k", "m" + i));
    }
    transport.publish(backlog);
    List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("hot", commands, 1), batch -> {
      calls.add(batch.stream().map(InMemoryTransportTest::body).toList());
      batch.forEach(Delivery::ack);
    });

    Await.until(() -> calls.stream().mapToInt(List::size).sum() == 10, "all ten delivered");
    assertThat(calls).containsExactly(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"));
  }

  @Test
  void aKeyInFlightIsNotHandedOverAgainUntilItsBatchIsSettled() throws Exception {
    transport = new InMemoryTransport();
    Destination commands = Destination.commands("in-flight");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch settle = new CountDownLatch(1);
    List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("in-flight", commands, 2), batch -> {
      calls.add(batch.stream().map(InMemoryTransportTest::body).toList());
      entered.countDown();
      try {
        settle.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      batch.forEach(Delivery::ack);
    });
    try {
      transport.publish(List.of(message(commands, "k", "first"))).get(0).join();
      assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
      transport.publish(List.of(message(commands, "k", "second"), message(commands, "k", "third")));
      Thread.sleep(200);
      assertThat(calls).as("nothing of the key while its first batch is in flight").hasSize(1);
    } finally {
      settle.countDown();
    }
    Await.until(() -> calls.size() == 2, "the rest of the key");
    assertThat(calls).containsExactly(List.of("first"), List.of("second", "third"));
  }

  @Test
  void eventsPublishedBeforeAnySubscriberReachNoOne() throws Exception {
    transport = new InMemoryTransport();
    Destination events = Destination.events("early");
    transport.publish(List.of(message(events, "k", "unheard"))).get(0).get();
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("late-listener", events, 1), recording(got));

    transport.publish(List.of(message(events, "k", "heard"))).get(0).get();

    Await.until(() -> !got.isEmpty(), "the later event");
    Thread.sleep(100);
    assertThat(got).containsExactly("heard");
  }

  @Test
  void lanesAreNamedThreadsAndSeveralWorkInParallelOnDifferentKeys() {
    transport = new InMemoryTransport();
    Destination events = Destination.events("lanes");
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("namer", events, 3), batch -> {
      threads.add(Thread.currentThread().getName());
      batch.forEach(d -> {
        got.add(body(d));
        d.ack();
      });
    });
    List<OutgoingMessage> batch = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      batch.add(message(events, "key-" + i, "m" + i));
    }

    transport.publish(batch);

    Await.until(() -> got.size() == 60, "all delivered");
    assertThat(threads).hasSizeGreaterThan(1)
        .allSatisfy(t -> assertThat(t).matches("whizbang-memory-namer-\\d+-lane-[0-2]"));
  }

  @Test
  void aDeliveryCannotBeSettledTwice() {
    transport = new InMemoryTransport();
    Destination events = Destination.events("twice");
    AtomicReference<Throwable> secondSettle = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    transport.subscribe(request("sub", events, 1), batch -> {
      Delivery d = batch.get(0);
      d.ack();
      try {
        d.release(Duration.ZERO);
      } catch (RuntimeException e) {
        secondSettle.set(e);
      }
      done.countDown();
    });

    transport.publish(List.of(message(events, "k", "x")));

    Await.until(() -> done.getCount() == 0, "handled");
    assertThat(secondSettle.get()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("settle each delivery exactly once");
  }

  @Test
  void aHandlerThatThrowsGetsTheBatchAgainAfterTheFailureBackoff() {
    transport = InMemoryTransport.builder().failureBackoff(Duration.ofMillis(20)).build();
    Destination events = Destination.events("throws");
    List<Integer> counts = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("sub", events, 1), batch -> {
      Delivery d = batch.get(0);
      counts.add(d.deliveryCount());
      if (d.deliveryCount() == 1) {
        throw new IllegalStateException("handler bug");
      }
      d.ack();
    });

    transport.publish(List.of(message(events, "k", "x")));

    Await.until(() -> counts.size() == 2, "redelivered");
    assertThat(counts).containsExactly(1, 2);
  }

  @Test
  void aKeyInFlightOnOneSubscriptionIsNotHandedToASubscriptionThatTakesOverItsPartition() throws Exception {
    transport = InMemoryTransport.builder().partitions(2).maxBatch(1).build();
    Destination commands = Destination.commands("handover");
    String key = Math.floorMod("k0".hashCode(), 2) == 1 ? "k0" : "k1"; // a key of partition 1
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    List<String> first = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("svc", commands, 1), batch -> {
      Delivery d = batch.get(0);
      first.add(body(d));
      holding.countDown();
      try {
        letGo.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      d.ack();
    });
    transport.publish(List.of(message(commands, key, "0"), message(commands, key, "1")));
    assertThat(holding.await(20, TimeUnit.SECONDS)).isTrue();

    // The second subscription joins as lane 1 and so owns partition 1 from now on.
    List<String> second = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("svc", commands, 1), recording(second));
    Thread.sleep(150);
    assertThat(second).as("message 1 waits while message 0 of its key is in flight").isEmpty();

    letGo.countDown();
    Await.until(() -> second.size() == 1, "message 1 after message 0 was acknowledged");
    assertThat(first).containsExactly("0");
    assertThat(second).containsExactly("1");
  }

  @Test
  void aGracefulCloseLetsTheHandlerFinishAndSettleItsBatch() throws Exception {
    transport = new InMemoryTransport();
    Destination commands = Destination.commands("graceful");
    CountDownLatch inHandler = new CountDownLatch(1);
    List<String> acked = Collections.synchronizedList(new ArrayList<>());
    Subscription s = transport.subscribe(request("svc", commands, 1), batch -> {
      inHandler.countDown();
      try {
        Thread.sleep(200); // still working when close() is called
      } catch (InterruptedException e) {
        throw new AssertionError("a graceful close must not interrupt the handler");
      }
      batch.forEach(d -> {
        acked.add(body(d));
        d.ack();
      });
    });
    transport.publish(List.of(message(commands, "k", "only")));
    assertThat(inHandler.await(20, TimeUnit.SECONDS)).isTrue();

    s.close();

    assertThat(acked).containsExactly("only");
    List<String> again = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("svc", commands, 1), recording(again));
    Thread.sleep(150);
    assertThat(again).as("an acknowledged message is not redelivered").isEmpty();
  }

  @Test
  void aHandlerThatHangsPastTheCloseTimeoutIsAbandonedAndItsMessagesRedelivered() throws Exception {
    transport = InMemoryTransport.builder().closeTimeout(Duration.ofMillis(100)).build();
    Destination commands = Destination.commands("hang");
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
    Subscription s = transport.subscribe(request("svc", commands, 1), batch -> {
      inHandler.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      batch.forEach(Delivery::ack); // too late: ignored, the message already went back
    });
    transport.publish(List.of(message(commands, "k", "stuck")));
    assertThat(inHandler.await(20, TimeUnit.SECONDS)).isTrue();

    s.close();

    List<Integer> counts = Collections.synchronizedList(new ArrayList<>());
    transport.subscribe(request("svc", commands, 1), batch -> batch.forEach(d -> {
      counts.add(d.deliveryCount());
      d.ack();
    }));
    Await.until(() -> counts.size() == 1, "the abandoned message redelivered");
    assertThat(counts).containsExactly(2);
    Await.until(interrupted::get, "the hanging handler interrupted");
  }

  @Test
  void theBacklogCountsExactlyTheMessagesNoLaneHasTaken() throws Exception {
    transport = InMemoryTransport.builder().maxBatch(1).build();
    Destination commands = Destination.commands("backlog");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    Subscription s = transport.subscribe(request("backlog", commands, 1), batch -> {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      recording(handled).handle(batch);
    });
    assertThat(s.backlog()).hasValue(0);

    for (int i = 0; i < 5; i++) {
      transport.publish(List.of(message(commands, "k", "m" + i))).get(0).join();
    }
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(s.backlog()).hasValue(4); // the one in the handler's hands is not waiting

    release.countDown();
    Await.until(() -> handled.size() == 5, "all five handled");
    assertThat(s.backlog()).hasValue(0);
  }

  @Test
  void closingTheTransportStopsEveryLaneThread() {
    transport = new InMemoryTransport();
    Subscription s = transport.subscribe(request("stopper", Destination.events("stop"), 3), batch -> {});
    assertThat(laneThreads("stopper")).hasSize(3);

    transport.close();
    s.close(); // already closed with the transport: harmless

    assertThat(laneThreads("stopper")).isEmpty();
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThatThrownBy(() -> InMemoryTransport.builder().partitions(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partitions must be at least 1");
    assertThatThrownBy(() -> InMemoryTransport.builder().capacityPerSubscriber(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryTransport.builder().failureBackoff(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
  }

  private static List<Thread> laneThreads(String subscriber) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("whizbang-memory-" + subscriber + "-")).toList();
  }
}

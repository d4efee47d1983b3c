package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class KeyedLanesTest {

  private final List<String> told = new CopyOnWriteArrayList<>();
  private final TransportCounters counters = new TransportCounters();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final ThreadFactory recording = r -> {
    Thread t = new Thread(r, "test-lane-" + threads.size());
    t.setDaemon(true);
    threads.add(t);
    return t;
  };
  private KeyedLanes<TestDelivery> lanes;

  @AfterEach
  void stop() throws InterruptedException {
    if (lanes != null) {
      lanes.stop();
      lanes.awaitStopped(Duration.ofSeconds(5));
    }
  }

  private TestDelivery delivery(String key, int n) {
    return new TestDelivery(key, n, told, counters);
  }

  private KeyedLanes.Builder<TestDelivery> lanes(DeliveryHandler handler) {
    return KeyedLanes.<TestDelivery>builder("test", d -> d.key, handler).threads(recording);
  }

  @Test
  void keepsEachKeyInOrderWhileKeysRunOnTheirOwnLanesFromTheGivenThreadFactory() throws Exception {
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    Map<String, String> laneThread = new ConcurrentHashMap<>();
    lanes = lanes(batch -> batch.forEach(d -> {
      TestDelivery t = (TestDelivery) d;
      seen.computeIfAbsent(t.key, k -> new CopyOnWriteArrayList<>()).add(t.number);
      laneThread.merge(t.key, Thread.currentThread().getName(), (a, b) -> a.equals(b) ? a : "moved");
      d.ack();
    })).lanes(4).maxBatch(3).build().start();
    for (int n = 0; n < 200; n++) {
      lanes.offer(delivery("key" + (n % 10), n));
    }
    Await.until(() -> counters.snapshot("t", true, 0, Map.of()).acknowledged() == 200, "all acknowledged");
    for (int k = 0; k < 10; k++) {
      List<Integer> expected = new ArrayList<>();
      for (int n = k; n < 200; n += 10) {
        expected.add(n);
      }
      assertThat(seen.get("key" + k)).as("order of key%d", k).isEqualTo(expected);
    }
    assertThat(laneThread.values()).doesNotContain("moved").allMatch(name -> name.startsWith("test-lane-"));
    assertThat(threads).hasSize(4);
  }

  @Test
  void aThrowingHandlerDoesNotKillItsLaneAndWhatItLeftUnsettledIsReleasedAfterTheFailureDelay() throws Exception {
    List<String> handled = new CopyOnWriteArrayList<>();
    lanes = lanes(batch -> {
      for (Delivery d : batch) {
        handled.add(d.toString());
        if (((TestDelivery) d).number == 1) {
          d.ack();
          throw new IllegalStateException("handler bug");
        }
        d.ack();
      }
    }).failureDelay(Duration.ofSeconds(3)).maxBatch(2).build();
    lanes.offer(delivery("a", 1)); // both buffered before the lane starts: one batch
    lanes.offer(delivery("a", 2));
    lanes.start();
    Await.until(() -> told.contains("release a2 after 3000 ms"), "the unsettled delivery released");
    lanes.offer(delivery("a", 3));
    Await.until(() -> told.contains("ack a3"), "the same lane handling the next delivery");
    assertThat(told).containsExactly("ack a1", "release a2 after 3000 ms", "ack a3");
  }

  @Test
  void whatAHandlerReturnsWithoutSettlingIsReleasedAtOnce() throws Exception {
    lanes = lanes(batch -> {}).failureDelay(Duration.ofSeconds(3)).build().start();
    lanes.offer(delivery("a", 1));
    Await.until(() -> told.contains("release a1 after 0 ms"), "released at once");
  }

  @Test
  void takeWaitingTakesOnlyTheBufferedDeliveriesOfThatKeyInOrder() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    lanes = lanes(batch -> {
      inHandler.countDown();
      await(go);
      batch.forEach(Delivery::ack);
    }).maxBatch(1).build().start();
    lanes.offer(delivery("a", 1));
    inHandler.await();
    lanes.offer(delivery("a", 2));
    lanes.offer(delivery("b", 3));
    lanes.offer(delivery("a", 4));
    assertThat(lanes.takeWaiting("a")).extracting(TestDelivery::toString).containsExactly("a2", "a4");
    assertThat(lanes.takeWaiting("a")).isEmpty();
    go.countDown();
    Await.until(() -> told.contains("ack b3"), "b handled");
    assertThat(told).containsExactly("ack a1", "ack b3");
  }

  @Test
  void aFullLaneHoldsBackTheOfferUntilTheLaneStops() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    List<TestDelivery> leftAtStop = new CopyOnWriteArrayList<>();
    lanes = lanes(batch -> {
      inHandler.countDown();
      await(go);
      batch.forEach(Delivery::ack);
    }).maxBatch(1).capacityPerLane(1).hooks(new KeyedLanes.Hooks<>() {
      @Override
      public void stopped(int lane, List<TestDelivery> left) {
        leftAtStop.addAll(left);
      }
    }).build().start();
    lanes.offer(delivery("a", 1));
    inHandler.await();
    assertThat(lanes.offer(delivery("a", 2))).isTrue(); // fills the lane's buffer
    Thread offering = new Thread(() -> {
      try {
        told.add("third offered: " + lanes.offer(delivery("a", 3)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    offering.start();
    Await.until(() -> offering.getState() == Thread.State.TIMED_WAITING, "the offer waiting for room");
    lanes.stop();
    offering.join();
    go.countDown();
    assertThat(lanes.awaitStopped(Duration.ofSeconds(5))).isTrue();
    assertThat(told).containsExactly("third offered: false", "ack a1");
    assertThat(leftAtStop).extracting(TestDelivery::toString).containsExactly("a2");
  }

  @Test
  void refusesBadSettings() {
    assertThatThrownBy(() -> lanes(batch -> {}).lanes(0)).hasMessage("lanes must be at least 1, was 0");
    assertThatThrownBy(() -> lanes(batch -> {}).failureDelay(Duration.ofSeconds(-1)))
        .hasMessageContaining("failureDelay must not be negative");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

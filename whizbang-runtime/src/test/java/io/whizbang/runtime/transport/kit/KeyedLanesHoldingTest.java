package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.testfixtures.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class KeyedLanesHoldingTest {

  private final List<String> told = new CopyOnWriteArrayList<>();
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final TransportCounters counters = new TransportCounters();
  private KeyedLanes<Held> lanes;

  /** A broker delivery that stays unsettled while held: its release is the lanes' hold. */
  final class Held extends SettlingDelivery implements KeyedLanes.Held<Held> {
    final String key;
    final int number;
    final int attempt;
    final long receivedAt;

    Held(String key, int number, int attempt, long receivedAt) {
      super(counters, new byte[0], key);
      this.key = key;
      this.number = number;
      this.attempt = attempt;
      this.receivedAt = receivedAt;
    }

    @Override
    public Held again(boolean attempted) {
      return new Held(key, number, attempt + (attempted ? 1 : 0), receivedAt);
    }

    @Override
    public long receivedAtNanos() {
      return receivedAt;
    }

    @Override
    public void requeue() {
      told.add("requeue " + this);
    }

    @Override
    public boolean isStale() {
      return number < 0;
    }

    @Override
    public int deliveryCount() {
      return attempt;
    }

    @Override
    protected void acknowledge() {
      told.add("ack " + this);
    }

    @Override
    protected void giveBack(Duration delay) {
      lanes.hold(this, delay);
    }

    @Override
    public String toString() {
      return key + number + "#" + attempt;
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    lanes.stop(); // every test makes lanes; stopping ones never started returns at once
    assertThat(lanes.awaitStopped(Duration.ofSeconds(5))).isTrue();
  }

  private Held delivery(String key, int number) {
    return new Held(key, number, 1, System.nanoTime());
  }

  @Test
  void aReleasedDeliveryIsHeldWithTheLaterOnesOfItsKeyBehindItAndHandedOverAgainInOrder() throws Exception {
    lanes = KeyedLanes.<Held>holding("test", d -> d.key, batch -> batch.forEach(d -> {
      Held held = (Held) d;
      handled.add(held.toString());
      if (held.number == 1 && held.attempt == 1) {
        d.release(Duration.ofMillis(200));
      } else {
        d.ack();
      }
    }), Duration.ofMinutes(10)).maxBatch(1).build().start();

    lanes.offer(delivery("a", 1));
    Await.until(() -> handled.contains("a1#1"), "a1 handled");
    lanes.offer(delivery("a", 2));
    lanes.offer(delivery("b", 1));
    Await.until(() -> told.contains("ack a2#1"), "a2 acknowledged");

    assertThat(handled).containsSubsequence("a1#1", "a1#2", "a2#1");
    assertThat(told).doesNotContain("requeue a1#1", "requeue a2#1");
  }

  @Test
  void aStaleDeliveryIsGivenBackInsteadOfHandedOver() throws Exception {
    lanes = KeyedLanes.<Held>holding("test", d -> d.key, batch -> batch.forEach(d -> {
      handled.add(d.toString());
      d.ack();
    }), Duration.ofMinutes(10)).build().start();

    lanes.offer(delivery("a", -1));
    lanes.offer(delivery("a", 2));
    Await.until(() -> told.contains("ack a2#1"), "a2 acknowledged");

    assertThat(handled).containsExactly("a2#1");
    assertThat(told).contains("requeue a-1#1");
  }

  @Test
  void lanesThatDoNotHoldRefuseToHold() {
    lanes = KeyedLanes.<Held>builder("test", d -> d.key, batch -> {}).build();
    assertThatThrownBy(() -> lanes.hold(delivery("a", 1), Duration.ZERO))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("KeyedLanes.holding");
  }
}

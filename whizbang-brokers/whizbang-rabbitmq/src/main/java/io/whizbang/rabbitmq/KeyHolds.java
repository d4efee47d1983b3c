package io.whizbang.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What RabbitMQ adds to a lane of the kit's {@code KeyedLanes}: release keeps per-key order by keeping the message
 * where the broker can see it. A released delivery is not acknowledged (nor moved to another queue) but kept here,
 * unacknowledged, in a {@link Hold} on its key, and every later delivery of that key joins the hold behind it. When
 * the delay is over, the held deliveries are handed to the handler again, in delivery order. Because they all stay
 * unacknowledged in the queue, an instance that stops or crashes returns them to the queue at their places (the
 * head), and the next consumer gets them before anything that came after them: the hold outlives the instance
 * without any state kept outside the broker.
 *
 * <p>One instance per lane, called from that lane's thread and from whichever thread releases; guarded by this.
 */
final class KeyHolds {

  private static final Logger LOG = LoggerFactory.getLogger(KeyHolds.class);
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String name;
  private final long maxUnackedNanos;
  private final Function<String, List<RabbitMqDelivery>> waitingOfKey;
  /** Held keys in the order their holds began. */
  private final Map<String, Hold> holds = new LinkedHashMap<>();

  /**
   * @param maxUnacked the longest a held delivery stays unacknowledged before it is requeued to its place and taken
   *     again (below the broker's {@code consumer_timeout}, which closes channels that hold a delivery longer)
   * @param waitingOfKey takes the deliveries of a key still buffered in the lane out of it
   */
  KeyHolds(String name, Duration maxUnacked, Function<String, List<RabbitMqDelivery>> waitingOfKey) {
    this.name = name;
    this.maxUnackedNanos = maxUnacked.toNanos();
    this.waitingOfKey = waitingOfKey;
  }

  /**
   * Whether the delivery goes to the handler now: not when its key is held (it joins the hold, in order), nor when
   * it is stale (its channel went down since; the broker redelivers it, here or to the next active consumer).
   */
  synchronized boolean admit(RabbitMqDelivery d) {
    if (d.isStale()) {
      // Given back as well: the client drops a settlement of a dead channel's delivery, and should the delivery be
      // of a live channel after all, it goes back to its place instead of staying unacknowledged.
      LOG.debug("{}: dropped {} taken before its channel went down; the broker redelivers it", name, d);
      d.requeue(name);
      return false;
    }
    Hold hold = holds.get(d.laneKey());
    if (hold == null) {
      return true;
    }
    hold.waiting.add(d);
    return false;
  }

  /**
   * Keeps a released delivery (unacknowledged) until {@code delay} has passed. The first delivery of a key released
   * while the key is not held begins a hold with this delay: its handler ran, so its next delivery counts one more.
   * A delivery released while its key is held (a later one of the same key, released unhandled behind the failed
   * one) joins the hold behind what is already there, with the hold's delay, and its count stays.
   */
  synchronized void release(RabbitMqDelivery delivery, Duration delay) {
    Hold hold = holds.get(delivery.laneKey());
    if (hold == null) {
      hold = new Hold(System.nanoTime() + delay.toNanos());
      holds.put(delivery.laneKey(), hold);
      hold.waiting.add(delivery.again(true));
    } else {
      hold.waiting.add(delivery.again(false));
    }
  }

  /** Ends the holds whose delay is over; returns their deliveries, each key's in delivery order. */
  synchronized List<RabbitMqDelivery> takeDue() {
    if (holds.isEmpty()) {
      return List.of();
    }
    long now = System.nanoTime();
    List<RabbitMqDelivery> due = new ArrayList<>();
    for (Iterator<Hold> it = holds.values().iterator(); it.hasNext(); ) {
      Hold hold = it.next();
      if (hold.dueAt - now <= 0) {
        it.remove();
        due.addAll(hold.waiting);
      }
    }
    return due;
  }

  /** How long the lane may wait for a delivery: until the next hold is due, at most the idle poll. */
  synchronized long waitNanos() {
    long wait = IDLE_POLL_NANOS;
    long now = System.nanoTime();
    for (Hold hold : holds.values()) {
      wait = Math.min(wait, Math.max(0, hold.dueAt - now));
    }
    return wait;
  }

  /**
   * A hold longer than the broker lets a delivery stay unacknowledged: gives the key's deliveries (held and
   * buffered) back to the queue in delivery order, which puts them back at their places at the head; the broker
   * redelivers them at once and they join the hold again, which keeps its end.
   */
  synchronized void refreshLongHolds() {
    long now = System.nanoTime();
    for (Map.Entry<String, Hold> entry : holds.entrySet()) {
      Hold hold = entry.getValue();
      if (hold.waiting.isEmpty() || now - oldestReceipt(hold) < maxUnackedNanos) {
        continue;
      }
      List<RabbitMqDelivery> back = new ArrayList<>(hold.waiting);
      hold.waiting.clear();
      back.addAll(waitingOfKey.apply(entry.getKey()));
      back.sort(Comparator.comparingLong(d -> d.deliveryTag));
      LOG.debug("{}: key {} held longer than {} ms; requeueing its {} deliveries to their places", name,
          entry.getKey(), TimeUnit.NANOSECONDS.toMillis(maxUnackedNanos), back.size());
      back.forEach(d -> d.requeue(name));
    }
  }

  private static long oldestReceipt(Hold hold) {
    long oldest = Long.MAX_VALUE;
    for (RabbitMqDelivery d : hold.waiting) {
      oldest = Math.min(oldest, d.receivedAt);
    }
    return oldest;
  }

  /** Deliveries of one key kept unacknowledged until {@code dueAt}: the released one first, then those behind it. */
  private static final class Hold {
    final long dueAt;
    final List<RabbitMqDelivery> waiting = new ArrayList<>();

    Hold(long dueAt) {
      this.dueAt = dueAt;
    }
  }
}

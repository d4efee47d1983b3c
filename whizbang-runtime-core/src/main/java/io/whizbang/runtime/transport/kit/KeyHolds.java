package io.whizbang.runtime.transport.kit;

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
 * The hooks of {@link KeyedLanes#holding holding lanes}: release keeps per-key order by keeping the message where
 * the broker can see it. A released delivery is not settled with the broker but kept here, unsettled, in a
 * {@link Hold} on its key, and every later delivery of that key joins the hold behind it. When the delay is over,
 * the held deliveries are handed to the handler again, in delivery order. Because they all stay unsettled at the
 * broker, an instance that stops or crashes returns them to the queue at their places (the head), and the next
 * consumer gets them before anything that came after them: the hold outlives the instance without any state kept
 * outside the broker.
 *
 * <p>One {@link Lane} per lane, called from that lane's thread and from whichever thread releases; each guarded by
 * its own monitor.
 */
final class KeyHolds<D extends SettlingDelivery> implements KeyedLanes.Hooks<D> {

  private static final Logger LOG = LoggerFactory.getLogger(KeyHolds.class);
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String description;
  private final long maxUnsettledNanos;
  private final Function<D, String> keyOf;
  private final Function<String, List<D>> waitingOfKey;
  private final List<Lane> lanes = new ArrayList<>();

  /**
   * @param maxUnsettled the longest a held delivery stays unsettled before it is requeued to its place and taken
   *     again (below the broker's own limit, past which it takes back what a consumer holds)
   * @param waitingOfKey takes the deliveries of a key still buffered in its lane out of it
   */
  KeyHolds(String description, Duration maxUnsettled, int lanes, Function<D, String> keyOf,
      Function<String, List<D>> waitingOfKey) {
    this.description = description;
    this.maxUnsettledNanos = maxUnsettled.toNanos();
    this.keyOf = keyOf;
    this.waitingOfKey = waitingOfKey;
    for (int i = 0; i < lanes; i++) {
      this.lanes.add(new Lane(description + " lane " + i));
    }
  }

  @SuppressWarnings("unchecked")
  private static <D> KeyedLanes.Held<D> held(D delivery) {
    return (KeyedLanes.Held<D>) delivery;
  }

  /**
   * Not when its key is held (it joins the hold, in order), nor when it is stale (the broker took it back since and
   * redelivers it, here or to the next consumer).
   */
  @Override
  public boolean admit(int lane, D delivery) {
    if (held(delivery).isStale()) {
      // Given back as well: the broker drops a settlement of what it took back, and should the delivery be current
      // after all, it goes back to its place instead of staying unsettled.
      LOG.debug("{}: dropped {} taken before the broker took it back; the broker redelivers it", description,
          delivery);
      held(delivery).requeue();
      return false;
    }
    return lanes.get(lane).admit(keyOf.apply(delivery), delivery);
  }

  @Override
  public List<D> due(int lane) {
    return lanes.get(lane).takeDue();
  }

  @Override
  public long waitNanos(int lane) {
    return lanes.get(lane).waitNanos();
  }

  @Override
  public void beforeWait(int lane) {
    lanes.get(lane).refreshLongHolds();
  }

  /**
   * Keeps a released delivery (unsettled) until {@code delay} has passed. The first delivery of a key released while
   * the key is not held begins a hold with this delay: its handler ran, so its next delivery counts one more. A
   * delivery released while its key is held (a later one of the same key, released unhandled behind the failed
   * one) joins the hold behind what is already there, with the hold's delay, and its count stays.
   */
  void release(int lane, D delivery, Duration delay) {
    lanes.get(lane).release(keyOf.apply(delivery), delivery, delay);
  }

  private final class Lane {
    private final String name;
    /** Held keys in the order their holds began. */
    private final Map<String, Hold<D>> holds = new LinkedHashMap<>();

    Lane(String name) {
      this.name = name;
    }

    synchronized boolean admit(String key, D delivery) {
      Hold<D> hold = holds.get(key);
      if (hold == null) {
        return true;
      }
      hold.waiting.add(delivery);
      return false;
    }

    synchronized void release(String key, D delivery, Duration delay) {
      Hold<D> hold = holds.get(key);
      if (hold == null) {
        hold = new Hold<>(System.nanoTime() + delay.toNanos());
        holds.put(key, hold);
        hold.waiting.add(held(delivery).again(true));
      } else {
        hold.waiting.add(held(delivery).again(false));
      }
    }

    /** Ends the holds whose delay is over; returns their deliveries, each key's in delivery order. */
    synchronized List<D> takeDue() {
      if (holds.isEmpty()) {
        return List.of();
      }
      long now = System.nanoTime();
      List<D> due = new ArrayList<>();
      for (Iterator<Hold<D>> it = holds.values().iterator(); it.hasNext(); ) {
        Hold<D> hold = it.next();
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
      for (Hold<D> hold : holds.values()) {
        wait = Math.min(wait, Math.max(0, hold.dueAt - now));
      }
      return wait;
    }

    /**
     * A hold longer than the broker lets a delivery stay unsettled: gives the key's deliveries (held and buffered)
     * back to the queue in delivery order, which puts them back at their places at the head; the broker redelivers
     * them at once and they join the hold again, which keeps its end.
     */
    synchronized void refreshLongHolds() {
      long now = System.nanoTime();
      for (Map.Entry<String, Hold<D>> entry : holds.entrySet()) {
        Hold<D> hold = entry.getValue();
        if (hold.waiting.isEmpty() || now - oldestReceipt(hold) < maxUnsettledNanos) {
          continue;
        }
        List<D> back = new ArrayList<>(hold.waiting);
        hold.waiting.clear();
        back.addAll(waitingOfKey.apply(entry.getKey()));
        back.sort(Comparator.comparingLong(d -> held(d).receivedAtNanos()));
        LOG.debug("{}: key {} held longer than {} ms; requeueing its {} deliveries to their places", name,
            entry.getKey(), TimeUnit.NANOSECONDS.toMillis(maxUnsettledNanos), back.size());
        back.forEach(d -> held(d).requeue());
      }
    }

    private long oldestReceipt(Hold<D> hold) {
      long oldest = Long.MAX_VALUE;
      for (D d : hold.waiting) {
        oldest = Math.min(oldest, held(d).receivedAtNanos());
      }
      return oldest;
    }
  }

  /** Deliveries of one key kept unsettled until {@code dueAt}: the released one first, then those behind it. */
  private static final class Hold<D> {
    final long dueAt;
    final List<D> waiting = new ArrayList<>();

    Hold(long dueAt) {
      this.dueAt = dueAt;
    }
  }
}

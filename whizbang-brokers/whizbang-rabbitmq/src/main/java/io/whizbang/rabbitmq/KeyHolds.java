package io.whizbang.rabbitmq;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that hands deliveries of its keys to the handler in queue order, a batch at a time, and settles them
 * with the broker.
 *
 * <p>Release keeps per-key order by keeping the message where the broker can see it: a released delivery is not
 * acknowledged (nor moved to another queue) but kept here, unacknowledged, in a {@link Hold} on its key, and every
 * later delivery of that key joins the hold behind it. When the delay is over, the held deliveries are handed to the
 * handler again, in delivery order. Because they all stay unacknowledged in the queue, an instance that stops or
 * crashes returns them to the queue at their places (the head), and the next consumer gets them before anything
 * that came after them: the hold outlives the instance without any state kept outside the broker.
 */
final class Lane implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String name;
  private final DeliveryHandler handler;
  private final int maxBatch;
  private final long maxUnackedNanos;
  private final BlockingQueue<RabbitMqDelivery> buffer = new LinkedBlockingQueue<>();
  /** Held keys in the order their holds began; guarded by this. */
  private final Map<String, Hold> holds = new LinkedHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param maxUnacked the longest a held delivery stays unacknowledged before it is requeued to its place and taken
   *     again (below the broker's {@code consumer_timeout}, which closes channels that hold a delivery longer)
   */
  Lane(String name, DeliveryHandler handler, int maxBatch, Duration maxUnacked) {
    this.name = name;
    this.handler = handler;
    this.maxBatch = maxBatch;
    this.maxUnackedNanos = maxUnacked.toNanos();
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Called by the consumer thread: queues a delivery for the handler. */
  void offer(RabbitMqDelivery delivery) {
    buffer.add(delivery);
  }

  @Override
  public void run() {
    List<RabbitMqDelivery> batch = new ArrayList<>(maxBatch);
    while (running) {
      try {
        List<RabbitMqDelivery> due = takeDue();
        if (!due.isEmpty()) {
          for (int from = 0; from < due.size() && running; from += maxBatch) {
            handleAdmitted(due.subList(from, Math.min(due.size(), from + maxBatch)));
          }
          continue;
        }
        refreshLongHolds();
        RabbitMqDelivery first = buffer.poll(pollNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        buffer.drainTo(batch, maxBatch - 1);
        handleAdmitted(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("{}: unexpected failure; the lane goes on", name, e); // never let the lane die silently
      }
    }
  }

  private void handleAdmitted(List<RabbitMqDelivery> batch) {
    List<Delivery> ready = admit(batch);
    if (ready.isEmpty()) {
      return;
    }
    try {
      handler.handle(List.copyOf(ready));
    } catch (RuntimeException | Error e) {
      LOG.warn("{}: the handler failed on a batch of {}; unsettled messages are released", name, ready.size(), e);
    }
    for (Delivery delivery : ready) {
      RabbitMqDelivery d = (RabbitMqDelivery) delivery;
      if (!d.isSettled()) {
        try {
          d.release(Duration.ZERO);
        } catch (IllegalStateException alreadySettled) {
          // settled concurrently by the handler: nothing left to do
        }
      }
    }
  }

  /**
   * Passes the deliveries of keys that are not held; those of held keys join their hold, in order. Stale ones (their
   * channel went down since) are dropped: the broker redelivers them, here or to the next active consumer.
   */
  private synchronized List<Delivery> admit(List<RabbitMqDelivery> batch) {
    List<Delivery> ready = new ArrayList<>(batch.size());
    for (RabbitMqDelivery d : batch) {
      if (d.isStale()) {
        LOG.debug("{}: dropped {} taken before its channel went down; the broker redelivers it", name, d);
        continue;
      }
      Hold hold = holds.get(d.laneKey());
      if (hold == null) {
        ready.add(d);
      } else {
        hold.waiting.add(d);
      }
    }
    return ready;
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
  private synchronized List<RabbitMqDelivery> takeDue() {
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

  /** How long to wait for a delivery: until the next hold is due, at most the idle poll. */
  private synchronized long pollNanos() {
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
  private synchronized void refreshLongHolds() {
    long now = System.nanoTime();
    for (Map.Entry<String, Hold> entry : holds.entrySet()) {
      Hold hold = entry.getValue();
      if (hold.waiting.isEmpty() || now - oldestReceipt(hold) < maxUnackedNanos) {
        continue;
      }
      List<RabbitMqDelivery> back = new ArrayList<>(hold.waiting);
      hold.waiting.clear();
      for (Iterator<RabbitMqDelivery> it = buffer.iterator(); it.hasNext(); ) {
        RabbitMqDelivery later = it.next();
        if (later.laneKey().equals(entry.getKey())) {
          it.remove();
          back.add(later);
        }
      }
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

  /**
   * Stops after the batch in hand (a running handler is not interrupted: it may be inside a transaction); held and
   * buffered deliveries stay unacknowledged and return to the queue, at their places, when the channel closes.
   */
  void stop() {
    running = false;
  }

  void awaitStopped(Duration timeout) throws InterruptedException {
    if (Thread.currentThread() != thread) { // a handler may close its own subscription
      thread.join(timeout.toMillis());
    }
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

package io.whizbang.rabbitmq;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that hands deliveries of its keys to the handler in queue order, a batch at a time, and settles them
 * with the broker.
 *
 * <p>Release keeps per-key order: when a message of key K is released, the deliveries of K already buffered here
 * (or arriving before the released ones come back) are sent the same way, in delivery order (requeued, or through
 * the same first-in first-out delay queue), so K's messages return in their order. The hold on K ends when every
 * diverted message has come back, or after a grace period when another (competing) consumer took them.
 */
final class Lane implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
  private static final Duration HOLD_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final DeliveryHandler handler;
  private final int maxBatch;
  private final Redelivery redelivery;
  private final BlockingQueue<RabbitMqDelivery> buffer = new LinkedBlockingQueue<>();
  private final Map<String, Hold> holds = new HashMap<>(); // guarded by this
  /** Released deliveries not yet given back; sent in delivery order so that the broker keeps their order. */
  private final List<Diverted> diverting = new ArrayList<>(); // guarded by this
  private final Thread thread;
  private volatile boolean running = true;

  Lane(String name, DeliveryHandler handler, int maxBatch, Redelivery redelivery) {
    this.name = name;
    this.handler = handler;
    this.maxBatch = maxBatch;
    this.redelivery = redelivery;
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
        RabbitMqDelivery first = buffer.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          flushDiverted(); // releases made outside a handler call
          continue;
        }
        batch.add(first);
        buffer.drainTo(batch, maxBatch - 1);
        List<Delivery> ready = admit(batch);
        batch.clear();
        if (!ready.isEmpty()) {
          handle(ready);
        }
        flushDiverted();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void handle(List<Delivery> ready) {
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

  /** Filters out deliveries of held keys (diverting them behind the released ones) and lifts finished holds. */
  private synchronized List<Delivery> admit(List<RabbitMqDelivery> batch) {
    List<Delivery> ready = new ArrayList<>(batch.size());
    long now = System.nanoTime();
    for (RabbitMqDelivery d : batch) {
      Hold hold = holds.get(d.laneKey());
      if (hold != null && hold.expiresAt - now < 0) {
        holds.remove(d.laneKey());
        hold = null;
      }
      if (hold == null) {
        ready.add(d);
      } else if (hold.diverted.remove(d.messageId())) {
        if (hold.diverted.isEmpty()) {
          holds.remove(d.laneKey());
        }
        ready.add(d);
      } else if (d.claim()) {
        divert(d, hold);
      }
    }
    return ready;
  }

  void ack(RabbitMqDelivery delivery) {
    try {
      delivery.channel.basicAck(delivery.deliveryTag, false);
    } catch (IOException | RuntimeException e) {
      // The channel went down: the broker requeues the message and redelivers it after recovery.
      LOG.debug("{}: ack of {} not sent ({}); it will be redelivered", name, delivery, e.toString());
    }
  }

  /** Sends a released delivery back and holds its key until it (and what followed it) has returned. */
  synchronized void release(RabbitMqDelivery delivery, Duration delay) {
    Hold hold = holds.get(delivery.laneKey());
    if (hold == null) {
      hold = new Hold(delay);
      holds.put(delivery.laneKey(), hold);
    }
    divert(delivery, hold);
    for (Iterator<RabbitMqDelivery> it = buffer.iterator(); it.hasNext(); ) {
      RabbitMqDelivery later = it.next();
      if (later.laneKey().equals(delivery.laneKey()) && later.claim()) {
        it.remove();
        divert(later, hold);
      }
    }
  }

  private void divert(RabbitMqDelivery delivery, Hold hold) {
    hold.diverted.add(delivery.messageId());
    hold.expiresAt = System.nanoTime() + hold.delay.plus(HOLD_GRACE).toNanos();
    diverting.add(new Diverted(delivery, hold.delay));
  }

  /**
   * Gives released deliveries back in the order the broker delivered them: requeued messages are appended in the
   * order they are returned, and a delay queue is first-in first-out.
   */
  private void flushDiverted() {
    List<Diverted> now;
    synchronized (this) {
      if (diverting.isEmpty()) {
        return;
      }
      now = new ArrayList<>(diverting);
      diverting.clear();
    }
    now.sort((a, b) -> Long.compare(a.delivery.deliveryTag, b.delivery.deliveryTag));
    for (Diverted d : now) {
      redelivery.redeliver(d.delivery, d.delay);
    }
  }

  private record Diverted(RabbitMqDelivery delivery, Duration delay) {}

  /**
   * Stops after the batch in hand (a running handler is not interrupted: it may be inside a transaction); buffered
   * deliveries stay unacknowledged and return to the queue when the channel closes.
   */
  void stop() {
    running = false;
  }

  void awaitStopped(Duration timeout) throws InterruptedException {
    if (Thread.currentThread() != thread) { // a handler may close its own subscription
      thread.join(timeout.toMillis());
    }
  }

  private static final class Hold {
    final Duration delay;
    final Set<String> diverted = new HashSet<>();
    long expiresAt;

    Hold(Duration delay) {
      this.delay = delay;
    }
  }

  /** Gives a delivery back to the broker: requeued now, or after a delay. */
  interface Redelivery {
    void redeliver(RabbitMqDelivery delivery, Duration delay);
  }
}

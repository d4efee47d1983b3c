package io.whizbang.sqs;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread handing the deliveries of its keys to the handler in the order SQS returned them, a batch at a time.
 * When a delivery is released, the deliveries of the same key waiting here are released with it, so that they come
 * back behind it instead of overtaking it.
 */
final class Lane implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
  private static final int MAX_BATCH = 50;

  private final String name;
  private final DeliveryHandler handler;
  private final SqsSubscription subscription;
  private final BlockingQueue<SqsDelivery> buffer = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  Lane(String name, DeliveryHandler handler, SqsSubscription subscription) {
    this.name = name;
    this.handler = handler;
    this.subscription = subscription;
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void offer(SqsDelivery delivery) {
    delivery.lane = this;
    buffer.add(delivery);
  }

  @Override
  public void run() {
    List<SqsDelivery> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (running) {
        SqsDelivery first = buffer.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          subscription.flushDeletes(); // acknowledgements made outside a handler call
          continue;
        }
        batch.add(first);
        buffer.drainTo(batch, MAX_BATCH - 1);
        List<Delivery> ready = new ArrayList<>(batch.size());
        for (SqsDelivery d : batch) {
          if (!d.isSettled()) { // released together with an earlier message of its key
            ready.add(d);
          }
        }
        batch.clear();
        if (!ready.isEmpty()) {
          handle(ready);
        }
        subscription.flushDeletes();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      List<SqsDelivery> left = new ArrayList<>();
      buffer.drainTo(left);
      for (SqsDelivery d : left) {
        if (d.claim()) {
          subscription.released(d, Duration.ZERO, false);
        }
      }
      subscription.flushDeletes();
    }
  }

  private void handle(List<Delivery> ready) {
    try {
      handler.handle(List.copyOf(ready));
    } catch (RuntimeException | Error e) {
      LOG.warn("{}: the handler failed on a batch of {}; unsettled messages are released", name, ready.size(), e);
    }
    for (Delivery delivery : ready) {
      SqsDelivery d = (SqsDelivery) delivery;
      if (d.claim()) {
        subscription.released(d, Duration.ZERO, true);
      }
    }
  }

  /** Releases the waiting deliveries of {@code laneKey} behind a released one of the same key. */
  void releaseWaiting(String laneKey, Duration delay) {
    for (Iterator<SqsDelivery> it = buffer.iterator(); it.hasNext(); ) {
      SqsDelivery later = it.next();
      if (later.laneKey().equals(laneKey) && later.claim()) {
        it.remove();
        subscription.released(later, delay, false);
      }
    }
  }

  /** Stops after the batch in hand (a running handler is not interrupted: it may be inside a transaction). */
  void stop() {
    running = false;
  }

  void awaitStopped(Duration timeout) throws InterruptedException {
    if (Thread.currentThread() != thread) { // a handler may close its own subscription
      thread.join(timeout.toMillis());
    }
  }
}

package io.whizbang.runtime.internal.metrics;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the handler a subscription is opened with, to count what it holds, the same way for every broker: the
 * messages handed over and not settled yet ({@link #inFlight()}), and the handler calls running now ({@link
 * #lanesBusy()}: one per busy lane). Only a service with a meter registry wraps its handlers.
 */
final class ConsumerLoad implements DeliveryHandler {
  private final DeliveryHandler handler;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger lanesBusy = new AtomicInteger();

  ConsumerLoad(DeliveryHandler handler) {
    this.handler = handler;
  }

  int inFlight() {
    return inFlight.get();
  }

  int lanesBusy() {
    return lanesBusy.get();
  }

  @Override
  public void handle(List<Delivery> batch) {
    lanesBusy.incrementAndGet();
    inFlight.addAndGet(batch.size());
    List<Counted> counted = new ArrayList<>(batch.size());
    for (Delivery d : batch) {
      counted.add(new Counted(d));
    }
    try {
      handler.handle(List.copyOf(counted));
    } finally {
      // What the handler left unsettled the transport releases now (DeliveryHandler's contract): no longer held.
      for (Counted c : counted) {
        c.settled();
      }
      lanesBusy.decrementAndGet();
    }
  }

  /**
   * A delivery that leaves the in-flight count once, at its first settlement (the flag it extends saves an object
   * per message).
   */
  private final class Counted extends AtomicBoolean implements Delivery {
    private final Delivery delivery;

    Counted(Delivery delivery) {
      this.delivery = delivery;
    }

    void settled() {
      if (compareAndSet(false, true)) {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public byte[] body() {
      return delivery.body();
    }

    @Override
    public String partitionKey() {
      return delivery.partitionKey();
    }

    @Override
    public int deliveryCount() {
      return delivery.deliveryCount();
    }

    @Override
    public java.time.Instant publishedAt() {
      return delivery.publishedAt();
    }

    @Override
    public void ack() {
      delivery.ack();                              // one that throws is counted when the handler returns
      settled();
    }

    @Override
    public void release(Duration delay) {
      delivery.release(delay);
      settled();
    }

    @Override
    public String toString() {
      return delivery.toString();
    }
  }
}

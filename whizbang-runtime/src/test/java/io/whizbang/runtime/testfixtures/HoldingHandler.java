package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds every batch it is handed, unacknowledged, until {@link #release()}; then acknowledges it. For tests that
 * need messages to stay in a consumer's hands (a backlog, a hand-over) for as long as they look.
 */
public final class HoldingHandler implements DeliveryHandler {

  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger acknowledged = new AtomicInteger();

  @Override
  public void handle(List<Delivery> batch) {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closed under it: left unsettled, the transport gives it back
      return;
    }
    for (Delivery d : batch) {
      d.ack();
      acknowledged.incrementAndGet();
    }
  }

  /** Lets every batch held and every later one through, acknowledged. */
  public void release() {
    released.countDown();
  }

  public int acknowledged() {
    return acknowledged.get();
  }
}

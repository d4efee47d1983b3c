package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One handed-out entry. Settled exactly once: by the handler, by its lane after the handler returned, or revoked
 * when the subscription closes under it (a crash), in which case a late ack or release from the handler is ignored
 * because the message already went back to the group.
 */
final class MemoryDelivery implements Delivery {

  private static final int OPEN = 0;
  private static final int SETTLED = 1;
  private static final int REVOKED = 2;

  private final Entry entry;
  private final ConsumerGroup group;
  private final AtomicInteger state = new AtomicInteger(OPEN);

  MemoryDelivery(Entry entry, ConsumerGroup group) {
    this.entry = entry;
    this.group = group;
  }

  Entry entry() {
    return entry;
  }

  @Override
  public byte[] body() {
    return entry.body;
  }

  @Override
  public String partitionKey() {
    return entry.key;
  }

  @Override
  public int deliveryCount() {
    return entry.deliveryCount;
  }

  @Override
  public void ack() {
    settle(false, 0);
  }

  @Override
  public void release(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("release delay must not be negative, was " + delay);
    }
    settle(true, delay.toNanos());
  }

  /** Called by the lane after the handler returned: gives back what the handler left unsettled. */
  void releaseIfOpen(long delayNanos) {
    if (state.compareAndSet(OPEN, SETTLED)) {
      group.settle(entry, true, delayNanos);
    }
  }

  /** Called when the subscription closes while the handler still holds this delivery. */
  void revoke() {
    if (state.compareAndSet(OPEN, REVOKED)) {
      group.settle(entry, true, 0);
    }
  }

  private void settle(boolean requeue, long delayNanos) {
    if (state.compareAndSet(OPEN, SETTLED)) {
      group.settle(entry, requeue, delayNanos);
    } else if (state.get() == SETTLED) {
      throw new IllegalStateException("Delivery of " + entry.wireName + " (key " + entry.key
          + ") was already acknowledged or released; settle each delivery exactly once");
    }
    // REVOKED: the subscription closed and the message is already back in its group.
  }
}

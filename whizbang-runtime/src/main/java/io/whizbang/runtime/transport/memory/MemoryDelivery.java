package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.transport.kit.SettlingDelivery;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;

/**
 * One handed-out entry. Settled exactly once (see {@link SettlingDelivery}): by the handler, by its lane after the
 * handler returned, or revoked when the subscription closes under it (a crash), after which a late ack or release
 * from the handler is ignored because the message already went back to the group.
 */
final class MemoryDelivery extends SettlingDelivery {

  private final Entry entry;
  private final ConsumerGroup group;

  MemoryDelivery(Entry entry, ConsumerGroup group, TransportCounters counters) {
    super(counters, entry.body, entry.key);
    this.entry = entry;
    this.group = group;
  }

  Entry entry() {
    return entry;
  }

  @Override
  public int deliveryCount() {
    return entry.deliveryCount;
  }

  @Override
  protected void acknowledge() {
    group.settle(entry, false, 0);
  }

  @Override
  protected void giveBack(Duration delay) {
    group.settle(entry, true, delay.toNanos());
  }

  /** Called when the subscription closes while the handler still holds this delivery. */
  void revoke() {
    if (abandon()) {
      group.settle(entry, true, 0);
    }
  }

  @Override
  public String toString() {
    return "MemoryDelivery[" + entry.wireName + " key=" + entry.key + " #" + entry.deliveryCount + "]";
  }
}

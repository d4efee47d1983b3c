package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.thread.Threads;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.kit.HandlerCalls;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One consumer thread of a subscription: takes batches from its group and hands them to the handler. (Not the kit's
 * {@code KeyedLanes}: lanes here pull from their group's partitions, whose per-key locks keep order across the
 * subscriptions of a subscriber id, instead of being pushed to by a broker consumer.)
 */
final class MemoryLane implements Runnable {


  private final ConsumerGroup group;
  private final Map<Destination, Set<String>> wanted;
  private final DeliveryHandler handler;
  private final int maxBatch;
  private final Duration failureBackoff;
  private final TransportCounters counters;
  private final Thread thread;
  private int cursor;
  private boolean stopped; // guarded by this
  private List<MemoryDelivery> current = List.of(); // guarded by this

  MemoryLane(ConsumerGroup group, Map<Destination, Set<String>> wanted, DeliveryHandler handler, int maxBatch,
      Duration failureBackoff, TransportCounters counters, Threads threads, String threadName) {
    this.group = group;
    this.wanted = wanted;
    this.handler = handler;
    this.maxBatch = maxBatch;
    this.failureBackoff = failureBackoff;
    this.counters = counters;
    // By default a daemon, so that a transport the application forgot to close cannot keep the JVM alive.
    this.thread = threads.newThread(threadName, this);
  }

  Thread thread() {
    return thread;
  }

  synchronized boolean isStopped() {
    return stopped;
  }

  /** Rotates the partition a take starts from, so no owned partition starves the others. */
  int nextStartPartition(int partitions) {
    cursor = (cursor + 1) % partitions;
    return cursor;
  }

  /**
   * Stops taking work; the batch in hand is still handled and settled normally, and its keys stay blocked for other
   * lanes until then, so a graceful close keeps per-key order.
   */
  void stopTaking() {
    synchronized (this) {
      stopped = true;
    }
    group.leave(this);
  }

  /**
   * The crash path, for a handler that did not return in time: gives its deliveries back for redelivery at once
   * (a late ack or release from it is then ignored) and interrupts it.
   */
  void abandon() {
    List<MemoryDelivery> held;
    synchronized (this) {
      held = current;
      current = List.of();
    }
    held.forEach(MemoryDelivery::revoke);
    thread.interrupt();
  }

  @Override
  public void run() {
    while (!isStopped()) {
      List<Entry> entries;
      try {
        entries = group.take(this, maxBatch);
      } catch (InterruptedException e) {
        break;
      }
      if (entries.isEmpty()) {
        continue;
      }
      List<MemoryDelivery> deliveries = new ArrayList<>(entries.size());
      for (Entry entry : entries) {
        deliveries.add(new MemoryDelivery(entry, group, counters));
      }
      synchronized (this) {
        if (stopped) {
          deliveries.forEach(MemoryDelivery::revoke);
          break;
        }
        current = deliveries;
      }
      handleBatch(deliveries);
      synchronized (this) {
        current = List.of();
      }
    }
  }

  private void handleBatch(List<MemoryDelivery> deliveries) {
    List<MemoryDelivery> visible = new ArrayList<>(deliveries.size());
    for (MemoryDelivery d : deliveries) {
      Set<String> names = wanted.get(d.entry().destination);
      if (names != null && names.contains(d.entry().wireName)) {
        visible.add(d);
      } else {
        // Bound by another subscription of the same subscriber id; this one did not ask for it.
        d.ack();
      }
    }
    if (!visible.isEmpty()) {
      HandlerCalls.handOver(handler, visible, failureBackoff, "subscriber '" + group.subscriberId + "'");
    }
  }
}

package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages of one subscriber id: its partitions and the lanes of its open subscriptions, which compete for
 * them. Partition {@code p} belongs to lane {@code p % lanes} in join order, so adding or closing a subscription
 * rebalances; per-key locks in {@link Partition} keep order across the hand-over. The group outlives its
 * subscriptions, so a restarted service finds what was published while it was away.
 */
final class ConsumerGroup {

  final String subscriberId;
  private final Partition[] partitions;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<MemoryLane> lanes = new ArrayList<>();
  /** Queued plus in-flight entries: what counts against the capacity. */
  private int size;
  /**
   * Entries queued and not handed to a lane (in flight ones excluded), written under the lock and read without it
   * by {@link #waiting()}.
   */
  private volatile int waiting;

  ConsumerGroup(String subscriberId, int partitionCount) {
    this.subscriberId = subscriberId;
    this.partitions = new Partition[partitionCount];
    for (int i = 0; i < partitionCount; i++) {
      partitions[i] = new Partition();
    }
  }

  int size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  /** The entries waiting to be handed to a lane: exact, and cheap from any thread. */
  int waiting() {
    return waiting;
  }

  void enqueue(OutgoingMessage message, long now) {
    int p = Math.floorMod(
        message.partitionKey() != null ? message.partitionKey().hashCode() : message.messageId().hashCode(),
        partitions.length);
    lock.lock();
    try {
      partitions[p].add(new Entry(p, partitions[p].nextOffset(), message, now));
      size++;
      waiting++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void join(List<MemoryLane> joining) {
    lock.lock();
    try {
      lanes.addAll(joining);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void leave(MemoryLane leaving) {
    lock.lock();
    try {
      lanes.remove(leaving);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for deliverable entries in the partitions {@code lane} owns and takes up to {@code max} of them; returns
   * an empty list once the lane is stopped.
   */
  List<Entry> take(MemoryLane lane, int max) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (!lane.isStopped()) {
        int index = lanes.indexOf(lane);
        long now = System.nanoTime();
        long nextDue = Long.MAX_VALUE;
        List<Entry> out = new ArrayList<>();
        if (index >= 0) {
          int owners = lanes.size();
          int start = lane.nextStartPartition(partitions.length);
          for (int i = 0; i < partitions.length && out.size() < max; i++) {
            int p = (start + i) % partitions.length;
            if (p % owners == index) {
              nextDue = Math.min(nextDue, partitions[p].take(max - out.size(), now, out));
            }
          }
        }
        if (!out.isEmpty()) {
          waiting -= out.size();
          return out;
        }
        if (nextDue == Long.MAX_VALUE) {
          changed.await();
        } else {
          changed.awaitNanos(nextDue - now);
        }
      }
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  /** Acknowledges {@code entry}, or puts it back to be delivered again after {@code delayNanos}. */
  void settle(Entry entry, boolean requeue, long delayNanos) {
    lock.lock();
    try {
      if (requeue) {
        entry.notBefore = System.nanoTime() + delayNanos;
        waiting++;
      } else {
        size--;
      }
      partitions[entry.partition].settle(entry, requeue);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes waiting lanes so they notice they were stopped. */
  void wakeAll() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}

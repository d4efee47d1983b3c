package io.whizbang.kafka;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.kit.HandlerCalls;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The lane of one assigned partition: its records are handed to the handler one batch at a time, in offset order,
 * and it tracks which of them were acknowledged so that the poll thread commits only a fully acknowledged prefix.
 * (Not the kit's {@code KeyedLanes}: Kafka keeps one position per partition, so order, release and commit all work
 * per partition, by seeking back and committing an acknowledged prefix.)
 *
 * <p>The poll thread offers records, rewinds and commits; a worker thread runs the handler; settlements come from
 * any thread. All state is guarded by this object's monitor.
 */
final class PartitionLane {

  /** One record received from Kafka and not yet committed. */
  static final class Tracked {
    final long offset;
    boolean acked;
    /** Dropped by a rewind: its settlement no longer counts (the record will be read again). */
    boolean discarded;

    Tracked(long offset, boolean acked) {
      this.offset = offset;
      this.acked = acked;
    }
  }

  private record Pending(ConsumerRecord<String, byte[]> record, Tracked tracked) {}

  /** A seek the poll thread must perform: back to {@code offset}, holding the partition until {@code untilNanos}. */
  record Rewind(long offset, long untilNanos) {}

  private final TopicPartition partition;
  private final DeliveryHandler handler;
  private final int maxBatch;
  private final Duration failureDelay;
  private final TransportCounters counters;
  private final ArrayDeque<Tracked> uncommitted = new ArrayDeque<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Map<Long, Integer> releases = new HashMap<>();
  /**
   * Offsets at or after a rewind point that the handler acknowledged anyway (later messages of the batch that held
   * the released one): when the seek reads them again they are skipped, not delivered a second time.
   */
  private final Set<Long> ackedAhead = new HashSet<>();
  private boolean running;
  private boolean draining;
  private boolean closed;
  private boolean rewindRequested;
  private long rewindOffset;
  private long holdUntilNanos;
  private boolean held;

  PartitionLane(TopicPartition partition, DeliveryHandler handler, int maxBatch, Duration failureDelay,
      TransportCounters counters) {
    this.counters = counters;
    this.partition = partition;
    this.handler = handler;
    this.maxBatch = maxBatch;
    this.failureDelay = failureDelay;
  }

  TopicPartition partition() {
    return partition;
  }

  /**
   * Adds freshly polled records (poll thread). Returns true when the caller must start a runner for this lane.
   * Records polled before a requested rewind are dropped: the seek will read them again.
   */
  synchronized boolean offer(List<ConsumerRecord<String, byte[]>> records, WireNameFilter filter) {
    if (closed || draining || rewindRequested || held) {
      return false;
    }
    for (ConsumerRecord<String, byte[]> record : records) {
      boolean wanted = filter.wants(record) && !ackedAhead.remove(record.offset());
      // An unwanted (or already handled) record counts as acknowledged at once so that it never holds back the
      // commit.
      Tracked tracked = new Tracked(record.offset(), !wanted);
      uncommitted.add(tracked);
      if (wanted) {
        pending.add(new Pending(record, tracked));
      }
    }
    if (!running && !pending.isEmpty()) {
      running = true;
      return true;
    }
    return false;
  }

  /** The records read from the partition and not acknowledged yet: waiting, or in a handler's hands. */
  synchronized int unacknowledged() {
    int n = 0;
    for (Tracked t : uncommitted) {
      if (!t.acked) {
        n++;
      }
    }
    return n;
  }

  synchronized int pendingCount() {
    return pending.size();
  }

  /** Runs the handler over pending batches until none is left (worker thread). */
  void run() {
    while (true) {
      List<KafkaDelivery> batch = nextBatch();
      if (batch == null) {
        return;
      }
      HandlerCalls.handOver(handler, batch, failureDelay, partition.toString());
    }
  }

  private synchronized List<KafkaDelivery> nextBatch() {
    if (closed || draining || rewindRequested || held || pending.isEmpty()) {
      running = false;
      notifyAll();
      return null;
    }
    List<KafkaDelivery> batch = new ArrayList<>(Math.min(maxBatch, pending.size()));
    while (batch.size() < maxBatch && !pending.isEmpty()) {
      Pending next = pending.poll();
      int count = 1 + releases.getOrDefault(next.tracked().offset, 0);
      batch.add(new KafkaDelivery(this, next.tracked(), next.record(), count, counters));
    }
    return batch;
  }

  synchronized void ack(Tracked tracked) {
    if (closed) {
      return;
    }
    if (tracked.discarded) {
      ackedAhead.add(tracked.offset);
      return;
    }
    tracked.acked = true;
    releases.remove(tracked.offset);
  }

  /**
   * Gives a record back: everything from it on is dropped and read again after a seek, which holds back the rest of
   * the partition, as Kafka keeps one position per partition. Records after it that were acknowledged are skipped
   * when read again.
   */
  synchronized void release(Tracked tracked, Duration delay) {
    if (closed || tracked.discarded) {
      return;
    }
    long until = System.nanoTime() + delay.toNanos();
    rewindOffset = rewindRequested ? Math.min(rewindOffset, tracked.offset) : tracked.offset;
    holdUntilNanos = rewindRequested ? Math.max(holdUntilNanos, until) : until;
    rewindRequested = true;
    releases.merge(tracked.offset, 1, Integer::sum);
    ackedAhead.remove(tracked.offset);
    for (Iterator<Tracked> it = uncommitted.descendingIterator(); it.hasNext(); ) {
      Tracked t = it.next();
      if (t.offset < rewindOffset) {
        break;
      }
      if (t.acked) {
        ackedAhead.add(t.offset);
      }
      t.discarded = true;
      it.remove();
    }
    discardPending();
  }

  /** Drops the records not handed over yet: their settlements no longer count (they are read again or not at all). */
  private void discardPending() {
    pending.forEach(p -> p.tracked().discarded = true);
    pending.clear();
  }

  /** The rewind to perform now, if one was requested (poll thread); the lane is held until it is resumed. */
  synchronized Rewind takeRewind() {
    if (!rewindRequested || closed) {
      return null;
    }
    rewindRequested = false;
    held = true;
    return new Rewind(rewindOffset, holdUntilNanos);
  }

  synchronized boolean isHeld() {
    return held;
  }

  /** Ends the hold after a rewind (poll thread), once its delay has passed. */
  synchronized boolean releaseHoldIfDue(long nowNanos) {
    if (held && nowNanos - holdUntilNanos >= 0) {
      held = false;
      return true;
    }
    return false;
  }

  /** The offset to commit: just past the longest acknowledged prefix, if it advanced (poll thread). */
  synchronized OptionalLong committable() {
    long next = -1;
    while (!uncommitted.isEmpty() && uncommitted.peek().acked) {
      next = uncommitted.poll().offset + 1;
    }
    return next < 0 ? OptionalLong.empty() : OptionalLong.of(next);
  }

  /**
   * Stops handing out batches and waits (bounded) for the running one to finish, so that its acknowledgements can
   * still be committed before the partition goes to another consumer.
   */
  synchronized boolean drain(long timeoutNanos) throws InterruptedException {
    draining = true;
    discardPending();
    long deadline = System.nanoTime() + timeoutNanos;
    while (running) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Ignores every later settlement: the partition belongs to someone else now. */
  synchronized void close() {
    closed = true;
    draining = true;
    pending.clear();
    notifyAll();
  }
}

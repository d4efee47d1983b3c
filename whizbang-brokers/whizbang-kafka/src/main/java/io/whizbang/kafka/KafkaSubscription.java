package io.whizbang.kafka;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.kit.BacklogRefresh;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group. A single poll thread owns the (not thread-safe) Kafka consumer: it polls, feeds
 * the partition lanes, performs rewinds and commits acknowledged prefixes. Handlers run on a pool of
 * {@code concurrency} workers, one lane at a time per partition, so order within a partition is kept.
 */
final class KafkaSubscription implements Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSubscription.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final KafkaConsumer<String, byte[]> consumer;
  private final WireNameFilter filter;
  private final DeliveryHandler handler;
  private final KafkaConfig config;
  private final String groupId;
  private final ExecutorService workers;
  private final Thread pollThread;
  private final Map<TopicPartition, PartitionLane> lanes = new HashMap<>();
  private final Map<TopicPartition, Boolean> backpressured = new HashMap<>();
  private final int highWater;
  private final Consumer<? super KafkaSubscription> onClosed;
  private final TransportCounters counters;
  private volatile boolean stopping;
  private volatile boolean assigned;
  /** What {@link #backlog()} returns, unknown until known; set by the poll thread only. */
  private final BacklogRefresh backlog = BacklogRefresh.unknown();

  KafkaSubscription(KafkaConsumer<String, byte[]> consumer, WireNameFilter filter, DeliveryHandler handler,
      int concurrency, KafkaConfig config, String groupId, TransportCounters counters,
      Consumer<? super KafkaSubscription> onClosed) {
    this.counters = counters;
    this.consumer = consumer;
    this.filter = filter;
    this.handler = handler;
    this.config = config;
    this.groupId = groupId;
    this.onClosed = onClosed;
    this.highWater = Math.max(1000, 4 * config.maxBatch());
    String name = "whizbang-kafka-" + groupId + "-" + SEQUENCE.incrementAndGet();
    this.workers = Executors.newFixedThreadPool(concurrency, config.threads(name + "-worker"));
    this.pollThread = config.threads(name + "-poll").newThread(this::pollLoop);
  }

  void start() {
    pollThread.start();
  }

  /**
   * Waits until the group gave this member its partitions (possibly none, when the group has more members than the
   * topic has partitions). Returns false on timeout.
   */
  boolean awaitAssignment(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!assigned) {
      if (System.nanoTime() > deadline || !pollThread.isAlive()) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private void pollLoop() {
    try {
      consumer.subscribe(filter.topics(), new Rebalance());
      while (!stopping) {
        ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
          continue;
        }
        for (TopicPartition tp : records.partitions()) {
          PartitionLane lane = lanes.get(tp);
          if (lane != null && lane.offer(records.records(tp), filter)) {
            workers.execute(lane::run);
          }
        }
        maintainLanes();
        commit(lanes.values(), false);
        updateBacklog();
      }
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.error("Kafka consumer of group '{}' stopped on an unexpected error; its unacknowledged messages will be"
            + " redelivered to the group", groupId, e);
      }
    } finally {
      shutdown();
    }
  }

  /**
   * The messages of the assigned partitions not acknowledged yet: those the consumer has not read (its lag, from
   * the end offsets the last fetches reported, so no request is made) plus those read and not acknowledged (waiting
   * in a lane or in a handler's hands). Poll thread: the consumer is not thread-safe. Left as it was while a
   * partition's lag is unknown (just assigned, nothing fetched yet).
   */
  private void updateBacklog() {
    if (!assigned) {
      return;
    }
    long sum = 0;
    for (PartitionLane lane : lanes.values()) {
      OptionalLong lag = consumer.currentLag(lane.partition());
      if (lag.isEmpty()) {
        return;
      }
      sum += lag.getAsLong() + lane.unacknowledged();
    }
    backlog.set(sum);
  }

  /**
   * Read from any thread: the value the poll thread published after its last poll; empty until the lag of every
   * assigned partition was known once.
   */
  @Override
  public OptionalLong backlog() {
    return backlog.value();
  }

  /** Performs requested rewinds, ends holds that are due, and applies backpressure (poll thread). */
  private void maintainLanes() {
    long now = System.nanoTime();
    for (PartitionLane lane : lanes.values()) {
      TopicPartition tp = lane.partition();
      PartitionLane.Rewind rewind = lane.takeRewind();
      if (rewind != null) {
        consumer.seek(tp, rewind.offset());
        consumer.pause(List.of(tp));
      }
      boolean full = lane.pendingCount() >= highWater;
      boolean wasFull = backpressured.getOrDefault(tp, false);
      if (full && !wasFull) {
        backpressured.put(tp, true);
        consumer.pause(List.of(tp));
      } else if (wasFull && lane.pendingCount() < highWater / 2) {
        backpressured.put(tp, false);
        if (!lane.isHeld()) {
          consumer.resume(List.of(tp));
        }
      }
      if (lane.releaseHoldIfDue(now) && !backpressured.getOrDefault(tp, false)) {
        consumer.resume(List.of(tp));
      }
    }
  }

  private void commit(Collection<PartitionLane> which, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionLane lane : which) {
      OptionalLong next = lane.committable();
      if (next.isPresent()) {
        offsets.put(lane.partition(), new OffsetAndMetadata(next.getAsLong()));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      try {
        try {
          consumer.commitSync(offsets, config.operationTimeout());
        } catch (WakeupException e) {
          // close() woke the consumer to stop polling; the final commit must still happen
          consumer.commitSync(offsets, config.operationTimeout());
        }
      } catch (RuntimeException e) {
        LOG.warn("could not commit offsets {} of group '{}'; those messages will be redelivered", offsets, groupId, e);
      }
    } else {
      consumer.commitAsync(offsets, (committed, error) -> {
        if (error != null) {
          LOG.warn("could not commit offsets {} of group '{}'; a later commit or a redelivery covers them",
              committed, groupId, error);
        }
      });
    }
  }

  private void drainAndCommit(Collection<PartitionLane> which, long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    for (PartitionLane lane : which) {
      try {
        if (!lane.drain(Math.max(0, deadline - System.nanoTime()))) {
          LOG.warn("the handler on {} did not finish in time; its unacknowledged messages will be redelivered",
              lane.partition());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    commit(which, true);
    for (PartitionLane lane : which) {
      lane.close();
    }
  }

  private void shutdown() {
    List<PartitionLane> all = new ArrayList<>(lanes.values());
    try {
      drainAndCommit(all, config.closeTimeout().toNanos());
    } finally {
      lanes.clear();
      workers.shutdownNow();
      try {
        consumer.close(CloseOptions.timeout(config.closeTimeout()));
      } catch (RuntimeException e) {
        LOG.warn("closing the Kafka consumer of group '{}' failed", groupId, e);
      }
      onClosed.accept(this);
    }
  }

  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    if (Thread.currentThread() == pollThread) {
      return;
    }
    try {
      pollThread.join(config.closeTimeout().multipliedBy(3).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (pollThread.isAlive()) {
      LOG.warn("the Kafka consumer of group '{}' did not stop within {}", groupId,
          config.closeTimeout().multipliedBy(3));
    }
    try {
      workers.awaitTermination(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Commits before partitions move to another member, so it starts exactly after what was acknowledged here. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      drainAndCommit(remove(partitions), config.closeTimeout().toNanos());
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // The group already moved them on: committing would fail, and another member redelivers what was not acked.
      remove(partitions).forEach(PartitionLane::close);
    }

    private List<PartitionLane> remove(Collection<TopicPartition> partitions) {
      List<PartitionLane> removed = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        PartitionLane lane = lanes.remove(tp);
        backpressured.remove(tp);
        if (lane != null) {
          removed.add(lane);
        }
      }
      return removed;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        lanes.computeIfAbsent(tp, p -> new PartitionLane(p, handler, config.maxBatch(),
            config.handlerFailureDelay(), counters));
      }
      assigned = true;
    }
  }
}

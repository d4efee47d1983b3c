package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.transport.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An open subscription: its lanes in the group. Closing stops them and returns held deliveries to the group. */
final class MemorySubscription implements Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(MemorySubscription.class);

  private final String description;
  private final ConsumerGroup group;
  private final List<MemoryLane> lanes;
  private final Duration closeTimeout;
  private final Consumer<? super MemorySubscription> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  MemorySubscription(String description, ConsumerGroup group, List<MemoryLane> lanes, Duration closeTimeout,
      Consumer<? super MemorySubscription> onClose) {
    this.description = description;
    this.group = group;
    this.lanes = List.copyOf(lanes);
    this.closeTimeout = closeTimeout;
    this.onClose = onClose;
  }

  void start() {
    lanes.forEach(lane -> lane.thread().start());
  }

  /**
   * Exactly the messages of this subscriber id that no lane has taken yet (a delivery in a handler's hands is not
   * counted; one released for redelivery is again), shared by the subscriptions of the same subscriber id as their
   * messages are.
   */
  @Override
  public OptionalLong backlog() {
    return OptionalLong.of(group.waiting());
  }

  /**
   * Stops the lanes gracefully: each finishes and settles the batch in hand, for up to the close timeout. A lane
   * whose handler is still running then is abandoned like a crashed consumer: its deliveries go back for
   * redelivery at once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    lanes.forEach(MemoryLane::stopTaking);
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    for (MemoryLane lane : lanes) {
      Thread t = lane.thread();
      if (t == Thread.currentThread()) {
        continue; // A handler closing its own subscription: its lane ends when the handler returns.
      }
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn("{}: lane {} is still inside its handler after {}; its deliveries are returned for redelivery",
            description, t.getName(), closeTimeout);
        lane.abandon();
      }
    }
    onClose.accept(this);
  }

  @Override
  public String toString() {
    return description;
  }
}

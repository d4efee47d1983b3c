package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-key lane executor of a push-style consumer: the broker's consumer thread {@link #offer offers} each
 * delivery, and a fixed number of lanes (one thread each, from the given {@link ThreadFactory}) hand them to the
 * handler a batch at a time.
 *
 * <ul>
 *   <li><b>Ordered per key, parallel across keys.</b> A key always maps to the same lane, and a lane hands over its
 *       next batch only after the handler returned.
 *   <li><b>Backpressure.</b> A lane buffers at most {@code capacityPerLane} deliveries; {@link #offer} waits for
 *       room, so a consumer thread stops taking messages from the broker while its lanes are behind.
 *   <li><b>Failure release.</b> Whatever the handler left unsettled is released when it returns (at once) or
 *       throws (after {@code failureDelay}). A handler that throws never kills its lane: the lane logs and goes on.
 *   <li><b>Later messages of a released key.</b> {@link #takeWaiting} takes the buffered deliveries of a key out of
 *       its lane, for the transport to release (or hold) behind the released one.
 *   <li><b>Holding.</b> Lanes made with {@link #holding} keep a released delivery themselves ({@link #hold}), unsettled
 *       at the broker so that it keeps its place in the queue, with every later delivery of its key behind it, and
 *       hand them over again when the delay is over.
 *   <li><b>Stop.</b> {@link #stop()} lets each lane finish the batch in hand (a running handler is not interrupted:
 *       it may be inside a transaction); {@link #awaitStopped} waits for that.
 * </ul>
 *
 * What differs per broker goes into {@link Hooks}.
 */
public final class KeyedLanes<D extends SettlingDelivery> {

  private static final Logger LOG = LoggerFactory.getLogger(KeyedLanes.class);
  private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** What a broker adds to a lane's loop; every method runs on the lane's own thread except where said. */
  public interface Hooks<D> {
    /**
     * Whether the delivery is handed over now; false when the hook keeps it (its key is held, it went stale).
     * Deliveries already settled (released behind an earlier one of their key) never reach this.
     */
    default boolean admit(int lane, D delivery) {
      return true;
    }

    /** Deliveries of this lane due again (a transport that holds released messages itself), in order. */
    default List<D> due(int lane) {
      return List.of();
    }

    /** The longest to wait for a new delivery before looking at {@link #due} again. */
    default long waitNanos(int lane) {
      return IDLE_WAIT_NANOS;
    }

    /** Runs before each wait for deliveries: after every batch and every idle wait (flush acknowledgements). */
    default void beforeWait(int lane) {}

    /** The buffered deliveries a stopping lane never handed over, in order (give them back, or leave them). */
    default void stopped(int lane, List<D> left) {}
  }

  /**
   * What a delivery of {@link #holding holding lanes} offers: broker deliveries that stay unsettled while held (the
   * broker takes them back from a consumer that stops or crashes, at their places in the queue).
   */
  public interface Held<D> {
    /** The same broker delivery, unsettled again, for the handler's next try; {@code attempted}: the handler ran. */
    D again(boolean attempted);

    /** When the broker delivered it ({@link System#nanoTime()}); {@link #again} keeps it. */
    long receivedAtNanos();

    /** Gives it back to the broker, at its place in the queue (a hold that outlasts the broker's patience). */
    void requeue();

    /** Whether the broker took it back already (its channel went down): it is given back, not handed over. */
    boolean isStale();
  }

  private final String description;
  private final DeliveryHandler handler;
  private final Function<D, String> keyOf;
  private final Hooks<D> hooks;
  private final int maxBatch;
  private final Duration failureDelay;
  private final List<Lane> lanes;
  private volatile boolean running = true;

  private KeyedLanes(Builder<D> b) {
    this.description = b.description;
    this.handler = b.handler;
    this.keyOf = b.keyOf;
    this.hooks = b.maxHold == null ? b.hooks
        : new KeyHolds<>(b.description, b.maxHold, b.lanes, b.keyOf, this::takeWaiting);
    this.maxBatch = b.maxBatch;
    this.failureDelay = b.failureDelay;
    List<Lane> built = new ArrayList<>(b.lanes);
    for (int i = 0; i < b.lanes; i++) {
      built.add(new Lane(i, b.capacityPerLane, b.threads));
    }
    this.lanes = List.copyOf(built);
  }

  /**
   * @param description names the subscription in logs
   * @param keyOf the key that picks the lane (never null: a transport uses the message id for a message without
   *     a partition key)
   */
  public static <D extends SettlingDelivery> Builder<D> builder(String description, Function<D, String> keyOf,
      DeliveryHandler handler) {
    return new Builder<>(description, keyOf, handler);
  }

  /**
   * Lanes that hold released deliveries themselves ({@link #hold}), for a broker whose unsettled deliveries keep their
   * place in the queue; the holds are the lanes' {@link Hooks}.
   *
   * @param maxHold the longest a held delivery stays unsettled before it is {@link Held#requeue() requeued} to its
   *     place and taken again (below the broker's own limit)
   */
  public static <D extends SettlingDelivery & Held<D>> Builder<D> holding(String description,
      Function<D, String> keyOf, DeliveryHandler handler, Duration maxHold) {
    Builder<D> builder = new Builder<>(description, keyOf, handler);
    builder.maxHold = Objects.requireNonNull(maxHold, "maxHold");
    return builder;
  }

  /**
   * Keeps a released delivery of {@link #holding holding lanes} (unsettled) until {@code delay} has passed, with the
   * later deliveries of its key behind it; the delivery's {@code giveBack} calls this.
   */
  public void hold(D delivery, Duration delay) {
    if (!(hooks instanceof KeyHolds<D> holds)) {
      throw new IllegalStateException(description + ": hold needs lanes made with KeyedLanes.holding");
    }
    holds.release(laneOf(keyOf.apply(delivery)), delivery, delay);
  }

  /** Starts the lane threads. */
  public KeyedLanes<D> start() {
    lanes.forEach(lane -> lane.thread.start());
    return this;
  }

  /** The lane {@code key} maps to, from 0. */
  public int laneOf(String key) {
    return Math.floorMod(key.hashCode(), lanes.size());
  }

  /**
   * Queues a delivery on its key's lane, waiting while the lane is full.
   *
   * @return false when the lanes were stopped first: the delivery was not queued and is the caller's again
   */
  public boolean offer(D delivery) throws InterruptedException {
    Lane lane = lanes.get(laneOf(keyOf.apply(delivery)));
    while (running) {
      if (lane.buffer.offer(delivery, IDLE_WAIT_NANOS, TimeUnit.NANOSECONDS)) {
        return true;
      }
    }
    return false;
  }

  /** Takes the deliveries of {@code key} still buffered in its lane out of it, in order (any thread). */
  public List<D> takeWaiting(String key) {
    List<D> taken = new ArrayList<>();
    for (Iterator<D> it = lanes.get(laneOf(key)).buffer.iterator(); it.hasNext(); ) {
      D waiting = it.next();
      if (key.equals(keyOf.apply(waiting)) && taken.add(waiting)) {
        it.remove();
      }
    }
    return taken;
  }

  /** Stops every lane after the batch in hand. */
  public void stop() {
    running = false;
  }

  /**
   * Waits up to {@code timeout} in all for the lanes to stop; a lane cannot wait for itself (a handler closing its
   * own subscription) and is skipped.
   *
   * @return whether every other lane stopped
   */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean all = true;
    for (Lane lane : lanes) {
      if (lane.thread == Thread.currentThread()) {
        continue;
      }
      lane.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      all &= !lane.thread.isAlive();
    }
    return all;
  }

  private final class Lane implements Runnable {
    final int index;
    final BlockingQueue<D> buffer;
    final Thread thread;

    Lane(int index, int capacity, ThreadFactory threads) {
      this.index = index;
      this.buffer = new LinkedBlockingQueue<>(capacity);
      this.thread = threads.newThread(this);
    }

    @Override
    public void run() {
      List<D> batch = new ArrayList<>(maxBatch);
      try {
        while (running) {
          try {
            List<D> due = hooks.due(index);
            if (!due.isEmpty()) {
              for (int from = 0; from < due.size() && running; from += maxBatch) {
                handle(due.subList(from, Math.min(due.size(), from + maxBatch)));
              }
              continue;
            }
            hooks.beforeWait(index);
            D first = buffer.poll(hooks.waitNanos(index), TimeUnit.NANOSECONDS);
            if (first == null) {
              continue;
            }
            batch.add(first);
            buffer.drainTo(batch, maxBatch - 1);
            handle(batch);
          } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure in lane {}; the lane goes on", description, index, e);
          } finally {
            batch.clear();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        List<D> left = new ArrayList<>();
        buffer.drainTo(left);
        hooks.stopped(index, left);
      }
    }

    private void handle(List<D> batch) {
      List<D> ready = new ArrayList<>(batch.size());
      for (D d : batch) {
        if (!d.isSettled() && hooks.admit(index, d)) {
          ready.add(d);
        }
      }
      if (!ready.isEmpty()) {
        HandlerCalls.handOver(handler, ready, failureDelay, description + " lane " + index);
      }
    }
  }

  /** Settings of a {@link KeyedLanes}; only the lane count is usually changed. */
  public static final class Builder<D extends SettlingDelivery> {
    private final String description;
    private final Function<D, String> keyOf;
    private final DeliveryHandler handler;
    private int lanes = 1;
    private int maxBatch = 50;
    private int capacityPerLane = Integer.MAX_VALUE;
    private Duration failureDelay = Duration.ZERO;
    private Hooks<D> hooks = new Hooks<>() {};
    private ThreadFactory threads;
    private Duration maxHold;

    private Builder(String description, Function<D, String> keyOf, DeliveryHandler handler) {
      this.description = Objects.requireNonNull(description, "description");
      this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
      this.handler = Objects.requireNonNull(handler, "handler");
      this.threads = LaneThreads.daemon(description + "-lane");
    }

    /** How many lanes run the handler in parallel (the subscription's concurrency). */
    public Builder<D> lanes(int value) {
      lanes = atLeastOne("lanes", value);
      return this;
    }

    /** The largest batch handed to the handler at once. Default 50. */
    public Builder<D> maxBatch(int value) {
      maxBatch = atLeastOne("maxBatch", value);
      return this;
    }

    /** Deliveries a lane buffers before {@link #offer} waits. Default unbounded (the broker's credit bounds it). */
    public Builder<D> capacityPerLane(int value) {
      capacityPerLane = atLeastOne("capacityPerLane", value);
      return this;
    }

    /** How long deliveries a throwing handler left unsettled wait before redelivery. Default zero. */
    public Builder<D> failureDelay(Duration value) {
      Objects.requireNonNull(value, "failureDelay");
      if (value.isNegative()) {
        throw new IllegalArgumentException("failureDelay must not be negative, was " + value);
      }
      failureDelay = value;
      return this;
    }

    /** The broker's part of the lane loop; lanes made with {@link KeyedLanes#holding} use their holds instead. */
    public Builder<D> hooks(Hooks<D> value) {
      hooks = Objects.requireNonNull(value, "hooks");
      return this;
    }

    /** Where lane threads come from. Default: daemon threads named {@code <description>-lane-<n>}. */
    public Builder<D> threads(ThreadFactory value) {
      threads = Objects.requireNonNull(value, "threads");
      return this;
    }

    /** Builds the lanes (not started yet: see {@link KeyedLanes#start()}). */
    public KeyedLanes<D> build() {
      return new KeyedLanes<>(this);
    }

    private static int atLeastOne(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value);
      }
      return value;
    }
  }
}

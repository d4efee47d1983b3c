// The backfill, the live deliveries and the checkpoint moves hand the projection over to one another through the
// state kept here (phase, latches, checkpoint), so that those hand-overs can be checked in one place. The work they
// delegate lives in BackfillSink, LiveDeliveries, ProjectionCounts, Applier, CheckpointMover and UndecodableEvents.
package io.whizbang.runtime.projection;

import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.internal.feedclient.BackfillReader;
import io.whizbang.runtime.internal.tracing.BackfillTracing;
import io.whizbang.runtime.internal.metrics.ProjectionReadings;
import io.whizbang.runtime.projection.ProjectionEngine.UndecodableEventPolicy;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.thread.Threads;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One projection at work: subscribed to live events first (deliveries held unacknowledged), then backfilling from
 * the owner's feed from its checkpoint, then applying the held and the new live deliveries. Every event goes through
 * the projection inbox by message id, so the overlap of backfill and live is applied once.
 *
 * <p>An event the projection cannot apply is retried ({@code ProjectionEngine.Builder#retry}); when the attempts run
 * out the projection stops in {@link Phase#FAILED} with a {@link ProjectionFailedException} naming the
 * event ({@link #failure()}, {@link ProjectionProgress#failure()}, the error log, the progress listener). It is never
 * skipped: once the cause is fixed, a new start resumes at that event. An event it cannot decode is not retried: it
 * stops the projection the same way, or is parked in the projection's dead letters, as its
 * {@link UndecodableEventPolicy} says.
 *
 * <pre>{@code
 * try (RunningProjection projection = engine.start(new OrderTotals_Dispatcher(totals))) {
 *   projection.awaitLive(Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class RunningProjection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningProjection.class);
  private static final Duration HOLD_CHECK = Duration.ofMillis(100);

  private final ProjectionDispatcher dispatcher;
  private final String name;
  private final Transport transport;
  private final ProjectionTables tables;
  private final Applier applier;
  private final BackfillReader reader;
  private final CheckpointMover mover;
  private final UndecodableEvents undecodable;
  private final ProjectionSettings settings;
  private final ProjectionCounts counts;
  private final LiveDeliveries liveDeliveries;
  private final CountDownLatch live = new CountDownLatch(1);
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Threads threads;
  private final Thread backfillThread;
  private volatile Phase phase = Phase.STARTING;
  private volatile Throwable failure;
  private volatile Subscription subscription;
  private volatile String checkpoint = EventCursor.START.token();
  /** For the meters: when this run last moved {@link #checkpoint}. */
  private volatile long checkpointMovedMillis = System.currentTimeMillis();
  /** Removes this projection's meters at close; a no-op without a meter registry. */
  private volatile Runnable unregisterMeters = () -> { };
  private volatile long headReachedNanos;
  private final BackfillTracing backfillTracing;

  RunningProjection(ProjectionDispatcher dispatcher, Transport transport, ProjectionTables tables, Applier applier,
      BackfillReader reader, ProjectionSettings settings, Threads threads) {
    this.dispatcher = dispatcher;
    this.name = dispatcher.projectionName();
    this.transport = transport;
    this.tables = tables;
    this.applier = applier;
    this.reader = reader;
    this.mover = new CheckpointMover(name, tables, reader, settings, dispatcher.wireNames());
    this.undecodable = new UndecodableEvents(name, applier, settings.undecodablePolicy(name));
    this.settings = settings;
    this.counts = new ProjectionCounts(name, settings.progressListener(), this::progress);
    this.liveDeliveries = new LiveDeliveries(name, dispatcher.wireNames(), settings, applier, undecodable, counts,
        this::holdUntilLive, this::fail, this::pause);
    this.threads = threads;
    this.backfillThread = threads.newThread("whizbang-projection-" + name, this::run);
    this.backfillTracing = settings.tracing().backfill(name, dispatcher.sourceDomain());
  }

  void start() {
    backfillThread.start();
  }

  private void run() {
    try {
      subscription = transport.subscribe(new SubscriptionRequest(name, List.of(new SubscriptionRequest.Source(
          Destination.events(dispatcher.sourceDomain()), dispatcher.wireNames())), settings.concurrency()),
          liveDeliveries);
      phase = Phase.BACKFILLING;
      // Taken after subscribing: every event committed before now is in the feed, every later one arrives live.
      long horizon = reader.horizon();
      EventCursor stored = tables.checkpoint(name);
      // Also without a checkpoint: a projection that went live on an empty feed has applied live events only.
      EventCursor from = mover.overAppliedLiveEvents(stored == null ? EventCursor.START : stored).to();
      if (!from.equals(stored == null ? EventCursor.START : stored)) {
        LOG.info("Projection '{}': the events applied live cover the feed up to {}; checkpoint moved there", name,
            from.token());
      }
      moveCheckpoint(from.token());
      mover.prune(from);
      LOG.info("Projection '{}' subscribed to {} live; backfilling from {} ({})", name,
          Destination.events(dispatcher.sourceDomain()).conventionalName(),
          from.equals(EventCursor.START) ? "the beginning" : "checkpoint " + from.token(), settings.backfillFrom());
      counts.backfillStarted(System.nanoTime());
      readToHead(from, horizon);
      headReachedNanos = System.nanoTime();
      long backfillNanos = counts.backfillEnded(headReachedNanos);
      if (stopping.getCount() == 0) {
        return;
      }
      phase = Phase.LIVE;
      live.countDown();
      LOG.info("Projection '{}' reached the head after {} event(s) ({} duplicate(s)) in {} ms; now live", name,
          counts.backfilled(), counts.duplicates(), backfillNanos / 1_000_000);
      counts.report();
      keepCheckpointMoving();
    } catch (Throwable e) {
      if (stopping.getCount() == 0) {
        return;
      }
      fail(e);
    } finally {
      finished.countDown();
    }
  }

  /**
   * Reads the feed from {@code from} to the head while the pages already read are applied on a second thread, so
   * that the feed server's store reads overlap the page transactions ({@link ReadAhead}; two pages wait at most).
   */
  private void readToHead(EventCursor from, long horizon) throws Exception {
    ReadAhead pages = new ReadAhead(new BackfillSink(name, settings, applier, undecodable, counts, backfillTracing,
        this::pause, this::moveCheckpoint), 2 * settings.pageSize(), threads, "whizbang-projection-" + name + "-apply");
    try {
      reader.readToHead(from, settings.backfillFrom().instant(), dispatcher.wireNames(), horizon, pages);
      pages.finish();
    } catch (Throwable e) {
      pages.abandon();
      throw e;
    }
  }

  /**
   * While live: every {@code liveCheckpointInterval}, when live events were applied since, moves the checkpoint over
   * them (gap-safe, see {@link CheckpointMover}) and prunes the applied ids behind it, so that a restart after a long
   * live phase reads only what it had not applied. A failure here (the feed or the database briefly away) is logged
   * and tried again at the next interval: the events' cursors are already committed, nothing is lost by waiting.
   */
  private void keepCheckpointMoving() {
    long seen = -1;
    while (!awaitStopping(settings.liveCheckpointInterval())) {
      long now = counts.liveApplied() + undecodable.parked();
      if (now == seen) {
        continue;
      }
      try {
        CheckpointMover.Moved moved = mover.overAppliedLiveEvents(EventCursor.parse(checkpoint));
        if (!moved.to().token().equals(checkpoint)) {
          moveCheckpoint(moved.to().token());
          mover.prune(moved.to());
          counts.report();
        }
        seen = moved.complete() ? now : -1;
      } catch (BackfillReader.FeedAbortedException stopped) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Projection '{}': moving the checkpoint over live events failed; trying again in {} ms: {}", name,
            settings.liveCheckpointInterval().toMillis(), reason(e));
      }
    }
  }

  private void moveCheckpoint(String token) {
    checkpoint = token;
    checkpointMovedMillis = System.currentTimeMillis();
  }

  /** True when the projection stops or fails within {@code wait}. */
  private boolean awaitStopping(Duration wait) {
    try {
      return stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS) || halted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private void fail(Throwable e) {
    failure = e;
    phase = Phase.FAILED;
    LOG.error("Projection '{}' failed and stopped; fix the cause and start it again (it resumes from checkpoint {})",
        name, checkpoint, e);
    Subscription s = subscription;
    if (s != null) {
      // Held deliveries go back to the broker; a restart receives them again.
      Thread closer = threads.newThread("whizbang-projection-" + name + "-close", s::close);
      closer.start();
    }
    counts.report();
  }

  /** Waits for the end of the backfill; false when the projection stopped or failed (also after going live). */
  private boolean holdUntilLive() {
    try {
      while (!live.await(HOLD_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
        if (halted()) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !halted();
  }

  private boolean halted() {
    return stopping.getCount() == 0 || phase == Phase.FAILED;
  }

  /**
   * The messages along a failure's causes: a handler's checked exception arrives wrapped ("Transaction failed"),
   * and the wrapper alone would not say what went wrong.
   */
  static String reason(Throwable failure) {
    StringBuilder text = new StringBuilder();
    int parts = 0;
    for (Throwable t = failure; t != null && parts < 4; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      if (text.indexOf(message) < 0) {
        text.append(parts++ == 0 ? "" : ": ").append(message);
      }
    }
    return text.toString();
  }

  private void pause(Duration d) {
    try {
      if (stopping.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new BackfillReader.FeedAbortedException();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackfillReader.FeedAbortedException();
    }
  }

  /** The projection's name. */
  public String name() {
    return name;
  }

  public Phase phase() {
    return phase;
  }

  /** The error that stopped the projection, or {@code null}. */
  public Throwable failure() {
    return failure;
  }

  /** Progress now (cheap; safe from any thread). */
  public ProjectionProgress progress() {
    return counts.progress(phase, checkpoint, undecodable.parked(), failure);
  }

  /** What the meters read; the engine registers them with it before {@link #start()}. */
  ProjectionReadings readings() {
    return new ProjectionReadings() {
      @Override
      public ProjectionProgress progress() {
        return RunningProjection.this.progress();
      }

      @Override
      public OptionalLong liveBacklog() {
        Subscription s = subscription;
        return s == null ? OptionalLong.empty() : s.backlog();
      }

      @Override
      public long checkpointMovedAtMillis() {
        return checkpointMovedMillis;
      }
    };
  }

  /** Called with the remover of this projection's meters, before {@link #start()}. */
  void metersRegistered(Runnable unregister) {
    unregisterMeters = unregister;
  }

  /** {@link System#nanoTime()} when the backfill reached the head, or 0 before. */
  public long headReachedNanos() {
    return headReachedNanos;
  }

  /**
   * Waits until the backfill reached the head and live deliveries flow.
   *
   * @return false when {@code timeout} passed first
   * @throws ProjectionFailedException when the projection failed (its cause attached)
   */
  public boolean awaitLive(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (live.await(Math.min(50, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
        return true;
      }
      Throwable f = failure;
      if (f != null) {
        throw new ProjectionFailedException(f instanceof ProjectionFailedException ? f.getMessage()
            : "Projection '" + name + "' failed: " + f.getMessage(), f);
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
    }
  }

  /**
   * Stops: the backfill ends at its last committed batch, the subscription closes and held deliveries go back to
   * the broker. A new {@code engine.start(...)} resumes from the checkpoint.
   */
  @Override
  public void close() {
    if (stopping.getCount() == 0) {
      return;
    }
    if (phase != Phase.FAILED) {
      phase = Phase.STOPPING;
    }
    stopping.countDown();
    reader.abort();
    try {
      if (!finished.await(30, TimeUnit.SECONDS)) {
        LOG.warn("Projection '{}': the backfill did not stop within 30 s", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Subscription s = subscription;
    if (s != null) {
      s.close();
    }
    if (phase != Phase.FAILED) {
      phase = Phase.STOPPED;
    }
    unregisterMeters.run();
    LOG.info("Projection '{}' stopped at checkpoint {}", name, checkpoint);
  }

  /** Where a running projection is in its life. */
  public enum Phase {
    /** Subscribing to live events. */
    STARTING,
    /** Reading the owner's history; live deliveries are held unacknowledged meanwhile. */
    BACKFILLING,
    /** Caught up: applying live deliveries. */
    LIVE,
    /** Stopped by an error it cannot retry; see {@link RunningProjection#failure()}. */
    FAILED,
    /** {@link RunningProjection#close()} was called: finishing the batch in hand, giving held deliveries back. */
    STOPPING,
    /** Closed. */
    STOPPED
  }
}

// Longer than most files: the backfill, the live deliveries and the checkpoint moves hand the projection over to
// one another through the state kept here (phase, latches, counters, checkpoint), and those hand-overs are easiest to
// check in one place. The work they delegate lives in Applier, BackfillReader, CheckpointMover and UndecodableEvents.
package io.whizbang.runtime.projection;

import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.internal.feedclient.BackfillReader;
import io.whizbang.runtime.internal.tracing.BackfillTracing;
import io.whizbang.runtime.internal.feedclient.FeedEvent;
import io.whizbang.runtime.internal.feedclient.FeedSink;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
  /** {@link #applyLiveWithRetries} parked the event instead of applying it. */
  private static final int PARKED = -1;

  private final ProjectionDispatcher dispatcher;
  private final String name;
  private final Transport transport;
  private final ProjectionTables tables;
  private final Applier applier;
  private final BackfillReader reader;
  private final CheckpointMover mover;
  private final UndecodableEvents undecodable;
  private final ProjectionEngine.Settings settings;
  private final Consumer<ProjectionProgress> listener;
  private final CountDownLatch live = new CountDownLatch(1);
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicLong backfilled = new AtomicLong();
  private final AtomicLong liveApplied = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
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
  private volatile Instant lastOccurredAt;
  private volatile long backfillStartNanos;
  private volatile long backfillNanos;
  private volatile long headReachedNanos;
  private long lastLogNanos;
  private final BackfillTracing backfillTracing;

  RunningProjection(ProjectionDispatcher dispatcher, Transport transport, ProjectionTables tables, Applier applier,
      BackfillReader reader, ProjectionEngine.Settings settings, Threads threads) {
    this.dispatcher = dispatcher;
    this.name = dispatcher.projectionName();
    this.transport = transport;
    this.tables = tables;
    this.applier = applier;
    this.reader = reader;
    this.mover = new CheckpointMover(name, tables, reader, settings, dispatcher.wireNames());
    this.undecodable = new UndecodableEvents(name, applier, settings.undecodablePolicy(name));
    this.settings = settings;
    this.listener = settings.progressListener();
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
          this::onLive);
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
      backfillStartNanos = System.nanoTime();
      reader.readToHead(from, settings.backfillFrom().instant(), dispatcher.wireNames(), horizon, new Sink());
      headReachedNanos = System.nanoTime();
      backfillNanos = headReachedNanos - backfillStartNanos;
      if (stopping.getCount() == 0) {
        return;
      }
      phase = Phase.LIVE;
      live.countDown();
      LOG.info("Projection '{}' reached the head after {} event(s) ({} duplicate(s)) in {} ms; now live", name,
          backfilled.get(), duplicates.get(), backfillNanos / 1_000_000);
      report();
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
   * While live: every {@code liveCheckpointInterval}, when live events were applied since, moves the checkpoint over
   * them (gap-safe, see {@link CheckpointMover}) and prunes the applied ids behind it, so that a restart after a long
   * live phase reads only what it had not applied. A failure here (the feed or the database briefly away) is logged
   * and tried again at the next interval: the events' cursors are already committed, nothing is lost by waiting.
   */
  private void keepCheckpointMoving() {
    long seen = -1;
    while (!awaitStopping(settings.liveCheckpointInterval())) {
      long now = liveApplied.get() + undecodable.parked();
      if (now == seen) {
        continue;
      }
      try {
        CheckpointMover.Moved moved = mover.overAppliedLiveEvents(EventCursor.parse(checkpoint));
        if (!moved.to().token().equals(checkpoint)) {
          moveCheckpoint(moved.to().token());
          mover.prune(moved.to());
          report();
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
    report();
  }

  /** Applies buffered feed events in batches of {@code pageSize}, each batch with its checkpoint. */
  private final class Sink implements FeedSink {
    private final List<FeedEvent> buffer = new ArrayList<>();

    @Override
    public void onEvent(FeedEvent event) {
      buffer.add(event);
      if (buffer.size() >= settings.pageSize()) {
        flush();
      }
    }

    @Override
    public void onPause() {
      flush();
    }

    private void flush() {
      if (buffer.isEmpty()) {
        return;
      }
      List<Envelope> envelopes = new ArrayList<>(buffer.size());
      for (FeedEvent e : buffer) {
        envelopes.add(e.envelope());
      }
      List<EventCursor> cursors = new ArrayList<>(buffer.size());
      for (FeedEvent e : buffer) {
        cursors.add(e.cursor());
      }
      EventCursor last = buffer.get(buffer.size() - 1).cursor();
      // One span per page, not per event: a 100,000-event backfill makes a few hundred spans.
      BackfillTracing.PageTrace page = backfillTracing.page(envelopes);
      long before = backfilled.get();
      try {
        try {
          count(applier.apply(envelopes, cursors, last), envelopes);
        } catch (RuntimeException batchFailure) {
          // Find the event at fault: apply one by one, each with its own checkpoint, retrying with backoff.
          LOG.warn("Projection '{}': a backfill batch of {} failed ({}); applying its events one by one", name,
              buffer.size(), batchFailure.toString());
          for (FeedEvent e : buffer) {
            applyWithRetries(e);
          }
        }
      } catch (RuntimeException failed) {
        page.end((int) (backfilled.get() - before), failed);
        throw failed;
      }
      page.end((int) (backfilled.get() - before), null);
      moveCheckpoint(last.token());
      buffer.clear();
      maybeLog();
    }

    private void applyWithRetries(FeedEvent e) {
      for (int attempt = 1; ; attempt++) {
        try {
          count(applier.apply(List.of(e.envelope()), List.of(e.cursor()), e.cursor()), List.of(e.envelope()));
          return;
        } catch (RuntimeException applyFailure) {
          RuntimeException failure = applyFailure;
          if (UndecodableEvents.isUndecodable(failure)) {
            try {
              undecodable.handle(e.envelope(), e.cursor(), e.cursor(), failure);
              return;
            } catch (ProjectionFailedException stop) {
              throw stop;
            } catch (RuntimeException parkingFailed) {
              failure = parkingFailed;     // the database, not the event: retried like any failure
            }
          }
          if (attempt >= settings.maxAttempts()) {
            throw new ProjectionFailedException("Projection '" + name + "' could not apply " + e.envelope()
                + " at cursor " + e.cursor().token() + " after " + attempt + " attempts: " + reason(failure),
                failure);
          }
          pause(settings.backoff(attempt));
        }
      }
    }
  }

  private void count(int applied, List<Envelope> envelopes) {
    backfilled.addAndGet(applied);
    duplicates.addAndGet(envelopes.size() - applied);
    lastOccurredAt = envelopes.get(envelopes.size() - 1).occurredAt();
  }

  /** Live deliveries: held (unacknowledged) until the backfill reached the head, then applied in order. */
  private void onLive(List<Delivery> batch) {
    if (!holdUntilLive()) {
      releaseAll(batch, 0, Duration.ofSeconds(1));
      return;
    }
    List<Envelope> envelopes = new ArrayList<>(batch.size());
    List<Delivery> deliveries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Delivery d = batch.get(i);
      Envelope e;
      try {
        e = d.envelope();
      } catch (MalformedEnvelopeException bad) {
        if (!settleUndecodable(d, bad)) {
          releaseAll(deliveries, 0, Duration.ZERO);     // none of them applied yet
          releaseAll(batch, i, Duration.ZERO);
          return;
        }
        continue;
      }
      if (!dispatcher.wireNames().contains(e.wireName())) {
        d.ack(); // Not one of ours (a transport that cannot filter by type).
        continue;
      }
      if (before(e)) {
        d.ack(); // Outside the projection's history, as the feed left it out (a broker replaying from its start).
        continue;
      }
      envelopes.add(e);
      deliveries.add(d);
    }
    if (envelopes.isEmpty()) {
      return;
    }
    try {
      int applied = applier.apply(envelopes, null);
      liveCount(applied, envelopes);
      deliveries.forEach(Delivery::ack);
      return;
    } catch (RuntimeException batchFailure) {
      LOG.warn("Projection '{}': a live batch of {} failed ({}); applying one by one", name, envelopes.size(),
          batchFailure.toString());
    }
    for (int i = 0; i < envelopes.size(); i++) {
      Envelope e = envelopes.get(i);
      try {
        int applied = applyLiveWithRetries(e);
        if (applied != PARKED) {
          liveCount(applied, List.of(e));
        }
        deliveries.get(i).ack();
      } catch (BackfillReader.FeedAbortedException stopped) {
        releaseAll(deliveries, i, Duration.ZERO);
        return;
      } catch (ProjectionFailedException failed) {
        // Later deliveries may share its key: give them back too, so a restart sees them in order after it.
        releaseAll(deliveries, i, Duration.ZERO);
        fail(failed);
        return;
      }
    }
  }

  /**
   * Bytes that are not an envelope, under the projection's {@link UndecodableEventPolicy}: parked and acknowledged
   * (true), or the projection fails (false; the caller gives the batch back). A database failure while parking gives
   * the message back for a later try.
   */
  private boolean settleUndecodable(Delivery d, MalformedEnvelopeException bad) {
    try {
      undecodable.handleBytes(d, bad);
      d.ack();
      return true;
    } catch (ProjectionFailedException stop) {
      fail(stop);
      return false;
    } catch (RuntimeException parkingFailed) {
      Duration delay = settings.backoff(d.deliveryCount());
      LOG.warn("Projection '{}' could not park an undecodable message; released for {} ms: {}", name,
          delay.toMillis(), reason(parkingFailed));
      d.release(delay);
      return true;
    }
  }

  /** True for an event older than {@code ProjectionEngine.BackfillFrom.at(...)}: the projection folds only the events after it. */
  private boolean before(Envelope e) {
    Instant from = settings.backfillFrom().instant();
    return from != null && e.occurredAt().isBefore(from);
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
   * Applies one live event, retrying with backoff. Skipping it would leave the read model silently wrong, so when
   * the attempts run out the projection stops instead; the delivery goes back to the broker for the next start.
   */
  private int applyLiveWithRetries(Envelope e) {
    for (int attempt = 1; ; attempt++) {
      try {
        return applier.apply(List.of(e), null);
      } catch (RuntimeException applyFailure) {
        RuntimeException failure = applyFailure;
        if (UndecodableEvents.isUndecodable(failure)) {
          try {
            undecodable.handle(e, Applier.cursorHeader(e), null, failure);
            return PARKED;
          } catch (ProjectionFailedException stop) {
            throw stop;
          } catch (RuntimeException parkingFailed) {
            failure = parkingFailed;       // the database, not the event: retried like any failure
          }
        }
        if (attempt >= settings.maxAttempts()) {
          throw new ProjectionFailedException("Projection '" + name + "' could not apply " + e
              + " received live after " + attempt + " attempts: " + reason(failure), failure);
        }
        Duration delay = settings.backoff(attempt);
        LOG.warn("Projection '{}' could not apply {} (attempt {} of {}); retrying in {} ms: {}", name, e, attempt,
            settings.maxAttempts(), delay.toMillis(), failure.toString());
        pause(delay);
      }
    }
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

  private void liveCount(int applied, List<Envelope> envelopes) {
    liveApplied.addAndGet(applied);
    duplicates.addAndGet(envelopes.size() - applied);
    lastOccurredAt = envelopes.get(envelopes.size() - 1).occurredAt();
  }

  private static void releaseAll(List<Delivery> batch, int from, Duration delay) {
    for (int i = from; i < batch.size(); i++) {
      batch.get(i).release(delay);
    }
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

  private void maybeLog() {
    long now = System.nanoTime();
    if (now - lastLogNanos > TimeUnit.SECONDS.toNanos(5)) {
      lastLogNanos = now;
      ProjectionProgress p = progress();
      LOG.info("Projection '{}' backfilling: {} event(s), {} duplicate(s), {} events/s, lag {} ms, cursor {}",
          name, p.backfilled(), p.duplicates(), Math.round(p.eventsPerSecond()), p.lag().toMillis(), p.cursor());
    }
    report();
  }

  private void report() {
    if (listener != null) {
      try {
        listener.accept(progress());
      } catch (RuntimeException e) {
        LOG.warn("The progress listener of projection '{}' threw", name, e);
      }
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
    long elapsed = backfillNanos > 0 ? backfillNanos
        : backfillStartNanos == 0 ? 0 : System.nanoTime() - backfillStartNanos;
    double rate = elapsed == 0 ? 0 : backfilled.get() * 1e9 / elapsed;
    Instant last = lastOccurredAt;
    Duration lag = last == null ? Duration.ZERO : Duration.between(last, Instant.now());
    Throwable f = failure;
    return new ProjectionProgress(name, phase, backfilled.get(), liveApplied.get(), duplicates.get(), rate,
        checkpoint, lag.isNegative() ? Duration.ZERO : lag, undecodable.parked(), f == null ? null : f.getMessage());
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

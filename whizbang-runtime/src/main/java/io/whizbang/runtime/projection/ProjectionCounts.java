package io.whizbang.runtime.projection;

import io.whizbang.runtime.envelope.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a running projection applied, counted (backfilled, live, duplicates, the newest event's time, the backfill's
 * duration), and the progress made of those counts: its snapshot, a log line every 5 s while backfilling, and the
 * progress listener's calls.
 */
final class ProjectionCounts {
  // The projection's logger: one logger to configure for what a projection does.
  private static final Logger LOG = LoggerFactory.getLogger(RunningProjection.class);

  private final String name;
  private final Consumer<ProjectionProgress> listener;
  /** The projection's own progress, which reads these counts: what is logged and given to the listener. */
  private final Supplier<ProjectionProgress> snapshot;
  private final AtomicLong backfilled = new AtomicLong();
  private final AtomicLong liveApplied = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private volatile Instant lastOccurredAt;
  private volatile long backfillStartNanos;
  private volatile long backfillNanos;
  private long lastLogNanos;

  /** {@code listener} may be null (none). */
  ProjectionCounts(String name, Consumer<ProjectionProgress> listener, Supplier<ProjectionProgress> snapshot) {
    this.name = name;
    this.listener = listener;
    this.snapshot = snapshot;
  }

  /** {@code applied} of {@code envelopes} were applied from the feed; the others were duplicates. */
  void backfilled(int applied, List<Envelope> envelopes) {
    backfilled.addAndGet(applied);
    counted(applied, envelopes);
  }

  /** {@code applied} of {@code envelopes} were applied live; the others were duplicates. */
  void appliedLive(int applied, List<Envelope> envelopes) {
    liveApplied.addAndGet(applied);
    counted(applied, envelopes);
  }

  private void counted(int applied, List<Envelope> envelopes) {
    duplicates.addAndGet(envelopes.size() - applied);
    lastOccurredAt = envelopes.get(envelopes.size() - 1).occurredAt();
  }

  long backfilled() {
    return backfilled.get();
  }

  long liveApplied() {
    return liveApplied.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  void backfillStarted(long nanos) {
    backfillStartNanos = nanos;
  }

  /** The backfill reached the head at {@code nanos}; returns how long it took. */
  long backfillEnded(long nanos) {
    backfillNanos = nanos - backfillStartNanos;
    return backfillNanos;
  }

  /** Progress now, of a projection in {@code phase} at {@code checkpoint} (cheap; safe from any thread). */
  ProjectionProgress progress(RunningProjection.Phase phase, String checkpoint, long parked, Throwable failure) {
    long elapsed = backfillNanos > 0 ? backfillNanos
        : backfillStartNanos == 0 ? 0 : System.nanoTime() - backfillStartNanos;
    double rate = elapsed == 0 ? 0 : backfilled.get() * 1e9 / elapsed;
    Instant last = lastOccurredAt;
    Duration lag = last == null ? Duration.ZERO : Duration.between(last, Instant.now());
    return new ProjectionProgress(name, phase, backfilled.get(), liveApplied.get(), duplicates.get(), rate,
        checkpoint, lag.isNegative() ? Duration.ZERO : lag, parked, failure == null ? null : failure.getMessage());
  }

  /** While backfilling, after each page: a log line at most every 5 s, and the listener. */
  void pageApplied() {
    long now = System.nanoTime();
    if (now - lastLogNanos > TimeUnit.SECONDS.toNanos(5)) {
      lastLogNanos = now;
      ProjectionProgress p = snapshot.get();
      LOG.info("Projection '{}' backfilling: {} event(s), {} duplicate(s), {} events/s, lag {} ms, cursor {}",
          name, p.backfilled(), p.duplicates(), Math.round(p.eventsPerSecond()), p.lag().toMillis(), p.cursor());
    }
    report();
  }

  /** Calls the progress listener, if there is one; what it throws is logged. */
  void report() {
    if (listener != null) {
      try {
        listener.accept(snapshot.get());
      } catch (RuntimeException e) {
        LOG.warn("The progress listener of projection '{}' threw", name, e);
      }
    }
  }
}

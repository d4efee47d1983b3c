package io.whizbang.runtime.projection;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.internal.feedclient.FeedEvent;
import io.whizbang.runtime.internal.feedclient.FeedSink;
import io.whizbang.runtime.internal.tracing.BackfillTracing;
import io.whizbang.runtime.store.EventCursor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies buffered feed events in batches of {@code pageSize}, each batch with its checkpoint. When a batch fails it
 * applies the batch's events one by one, each with its own checkpoint and retries, to find the event at fault: an
 * undecodable one goes to the projection's {@link UndecodableEvents}, another that fails {@code maxAttempts} times
 * stops the projection.
 */
final class BackfillSink implements FeedSink {
  // The projection's logger: one logger to configure for what a projection does.
  private static final Logger LOG = LoggerFactory.getLogger(RunningProjection.class);

  private final String name;
  private final ProjectionSettings settings;
  private final Applier applier;
  private final UndecodableEvents undecodable;
  private final ProjectionCounts counts;
  private final BackfillTracing tracing;
  /** Waits between retries; throws {@code FeedAbortedException} when the projection stops meanwhile. */
  private final Consumer<Duration> pause;
  /** Told the checkpoint token of each batch once it committed. */
  private final Consumer<String> checkpointMoved;
  private final List<FeedEvent> buffer = new ArrayList<>();

  BackfillSink(String name, ProjectionSettings settings, Applier applier, UndecodableEvents undecodable,
      ProjectionCounts counts, BackfillTracing tracing, Consumer<Duration> pause, Consumer<String> checkpointMoved) {
    this.name = name;
    this.settings = settings;
    this.applier = applier;
    this.undecodable = undecodable;
    this.counts = counts;
    this.tracing = tracing;
    this.pause = pause;
    this.checkpointMoved = checkpointMoved;
  }

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
    BackfillTracing.PageTrace page = tracing.page(envelopes);
    long before = counts.backfilled();
    try {
      try {
        counts.backfilled(applier.apply(envelopes, cursors, last), envelopes);
      } catch (RuntimeException batchFailure) {
        // Find the event at fault: apply one by one, each with its own checkpoint, retrying with backoff.
        LOG.warn("Projection '{}': a backfill batch of {} failed ({}); applying its events one by one", name,
            buffer.size(), batchFailure.toString());
        for (FeedEvent e : buffer) {
          applyWithRetries(e);
        }
      }
    } catch (RuntimeException failed) {
      page.end((int) (counts.backfilled() - before), failed);
      throw failed;
    }
    page.end((int) (counts.backfilled() - before), null);
    checkpointMoved.accept(last.token());
    buffer.clear();
    counts.pageApplied();
  }

  private void applyWithRetries(FeedEvent e) {
    for (int attempt = 1; ; attempt++) {
      try {
        counts.backfilled(applier.apply(List.of(e.envelope()), List.of(e.cursor()), e.cursor()),
            List.of(e.envelope()));
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
              + " at cursor " + e.cursor().token() + " after " + attempt + " attempts: "
              + RunningProjection.reason(failure), failure);
        }
        pause.accept(settings.backoff(attempt));
      }
    }
  }
}

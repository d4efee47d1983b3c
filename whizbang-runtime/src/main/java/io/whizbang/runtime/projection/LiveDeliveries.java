package io.whizbang.runtime.projection;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.internal.feedclient.BackfillReader;
import io.whizbang.runtime.projection.ProjectionEngine.UndecodableEventPolicy;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A projection's live deliveries: held until its backfill reached the head, then those of its types (and not before
 * its {@code backfillFrom}) applied in one transaction, or one by one with retries when that fails. An undecodable
 * one goes to its {@link UndecodableEvents}; an event that cannot be applied stops the projection, and the
 * deliveries not applied go back to the broker for its next start.
 */
final class LiveDeliveries implements DeliveryHandler {
  // The projection's logger: one logger to configure for what a projection does.
  private static final Logger LOG = LoggerFactory.getLogger(RunningProjection.class);
  /** {@link #applyLiveWithRetries} parked the event instead of applying it. */
  private static final int PARKED = -1;

  private final String name;
  private final Set<String> wireNames;
  private final ProjectionSettings settings;
  private final Applier applier;
  private final UndecodableEvents undecodable;
  private final ProjectionCounts counts;
  /** Waits for the end of the backfill; false when the projection stopped or failed. */
  private final BooleanSupplier holdUntilLive;
  /** Stops the projection with its failure. */
  private final Consumer<Throwable> fail;
  /** Waits between retries; throws {@code FeedAbortedException} when the projection stops meanwhile. */
  private final Consumer<Duration> pause;

  LiveDeliveries(String name, Set<String> wireNames, ProjectionSettings settings, Applier applier,
      UndecodableEvents undecodable, ProjectionCounts counts, BooleanSupplier holdUntilLive,
      Consumer<Throwable> fail, Consumer<Duration> pause) {
    this.name = name;
    this.wireNames = wireNames;
    this.settings = settings;
    this.applier = applier;
    this.undecodable = undecodable;
    this.counts = counts;
    this.holdUntilLive = holdUntilLive;
    this.fail = fail;
    this.pause = pause;
  }

  /** Held (unacknowledged) until the backfill reached the head, then applied in order. */
  @Override
  public void handle(List<Delivery> batch) {
    if (!holdUntilLive.getAsBoolean()) {
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
      if (!wireNames.contains(e.wireName())) {
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
      counts.appliedLive(applied, envelopes);
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
          counts.appliedLive(applied, List.of(e));
        }
        deliveries.get(i).ack();
      } catch (BackfillReader.FeedAbortedException stopped) {
        releaseAll(deliveries, i, Duration.ZERO);
        return;
      } catch (ProjectionFailedException failed) {
        // Later deliveries may share its key: give them back too, so a restart sees them in order after it.
        releaseAll(deliveries, i, Duration.ZERO);
        fail.accept(failed);
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
      fail.accept(stop);
      return false;
    } catch (RuntimeException parkingFailed) {
      Duration delay = settings.backoff(d.deliveryCount());
      LOG.warn("Projection '{}' could not park an undecodable message; released for {} ms: {}", name,
          delay.toMillis(), RunningProjection.reason(parkingFailed));
      d.release(delay);
      return true;
    }
  }

  /** True for an event older than {@code ProjectionEngine.BackfillFrom.at(...)}: the projection folds only the events after it. */
  private boolean before(Envelope e) {
    Instant from = settings.backfillFrom().instant();
    return from != null && e.occurredAt().isBefore(from);
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
              + " received live after " + attempt + " attempts: " + RunningProjection.reason(failure), failure);
        }
        Duration delay = settings.backoff(attempt);
        LOG.warn("Projection '{}' could not apply {} (attempt {} of {}); retrying in {} ms: {}", name, e, attempt,
            settings.maxAttempts(), delay.toMillis(), failure.toString());
        pause.accept(delay);
      }
    }
  }

  private static void releaseAll(List<Delivery> batch, int from, Duration delay) {
    for (int i = from; i < batch.size(); i++) {
      batch.get(i).release(delay);
    }
  }
}

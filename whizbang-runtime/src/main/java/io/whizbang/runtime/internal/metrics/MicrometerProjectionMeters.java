package io.whizbang.runtime.internal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.whizbang.runtime.projection.RunningProjection;

/**
 * A running projection's meters on a Micrometer {@link MeterRegistry}, tagged {@code projection} and {@code domain}
 * (its source domain); names and meanings: docs/observability.md, "Meters". Every one reads {@link
 * ProjectionReadings}: applying events pays nothing for them.
 */
public final class MicrometerProjectionMeters {
  private MicrometerProjectionMeters() {}

  /**
   * Registers the meters of projection {@code name}, folding {@code domain}.
   *
   * @return removes them again (when the projection closes)
   */
  public static Runnable register(MeterRegistry registry, String name, String domain, ProjectionReadings readings) {
    MeterSet meters = new MeterSet(registry, Tags.of("projection", name, "domain", domain));
    // One gauge per phase, 1 for the current one: an alert reads phase="FAILED" == 1 without knowing an encoding.
    for (RunningProjection.Phase phase : RunningProjection.Phase.values()) {
      meters.gauge("whizbang.projection.phase", "1 for the phase the projection is in, 0 for the others", readings,
          r -> r.progress().phase() == phase ? 1 : 0, Tags.of("phase", phase.name()));
    }
    String applied = "whizbang.projection.events.applied";
    String about = "Events the projection applied, from the owner's feed (backfill) or live deliveries";
    meters.counter(applied, about, readings, r -> r.progress().backfilled(), Tags.of("source", "backfill"));
    meters.counter(applied, about, readings, r -> r.progress().liveApplied(), Tags.of("source", "live"));
    meters.counter("whizbang.projection.events.duplicate", "Events skipped as applied already (the overlap of"
        + " backfill and live, redeliveries)", readings, r -> r.progress().duplicates(), Tags.empty());
    meters.counter("whizbang.projection.events.parked", "Events parked in the projection's dead letters", readings,
        r -> r.progress().parked(), Tags.empty());
    meters.gauge("whizbang.projection.lag", "Live events waiting on the broker for the projection (NaN: not known)",
        readings, r -> MeterSet.backlog(r::liveBacklog), Tags.empty());
    meters.timeGauge("whizbang.projection.last.event.age", "How long ago the last applied event occurred (0 before"
        + " the first)", readings, r -> r.progress().lag().toMillis(), Tags.empty());
    meters.timeGauge("whizbang.projection.checkpoint.age", "How long ago this run last moved the checkpoint",
        readings, r -> Math.max(0, System.currentTimeMillis() - r.checkpointMovedAtMillis()), Tags.empty());
    return meters::removeAll;
  }
}

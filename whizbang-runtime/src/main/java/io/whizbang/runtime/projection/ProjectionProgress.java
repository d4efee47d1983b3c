package io.whizbang.runtime.projection;

import io.whizbang.runtime.projection.ProjectionEngine.UndecodableEventPolicy;
import java.time.Duration;

/**
 * A snapshot of a projection's progress, for logs, metrics and health checks.
 *
 * @param backfilled events applied from the feed
 * @param liveApplied events applied from live deliveries
 * @param duplicates events skipped because they were already applied (the backfill/live overlap, redeliveries)
 * @param eventsPerSecond the backfill rate so far
 * @param cursor the checkpoint: the feed cursor of the last committed backfill batch, then moved over the live
 *     events applied (see {@code ProjectionEngine.Builder#liveCheckpointInterval})
 * @param lag how long ago the last applied event occurred ({@link Duration#ZERO} before the first)
 * @param parked events this run parked in the projection's dead letters instead of applying them
 *     ({@link UndecodableEventPolicy#PARK})
 * @param failure in {@link RunningProjection.Phase#FAILED}: what stopped the projection, naming the event and its cursor
 *     where one is at fault; otherwise {@code null}
 */
public record ProjectionProgress(
    String projection,
    RunningProjection.Phase phase,
    long backfilled,
    long liveApplied,
    long duplicates,
    double eventsPerSecond,
    String cursor,
    Duration lag,
    long parked,
    String failure) {}

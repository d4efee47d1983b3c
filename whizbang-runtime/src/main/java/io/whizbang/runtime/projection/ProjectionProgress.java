package io.whizbang.runtime.projection;

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
 */
public record ProjectionProgress(
    String projection,
    ProjectionPhase phase,
    long backfilled,
    long liveApplied,
    long duplicates,
    double eventsPerSecond,
    String cursor,
    Duration lag) {}

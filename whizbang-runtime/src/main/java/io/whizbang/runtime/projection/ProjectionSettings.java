package io.whizbang.runtime.projection;

import io.whizbang.runtime.internal.Backoff;
import io.whizbang.runtime.internal.tracing.Tracing;
import io.whizbang.runtime.projection.ProjectionEngine.BackfillFrom;
import io.whizbang.runtime.projection.ProjectionEngine.UndecodableEventPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** The settings of a {@link ProjectionEngine}, as checked by its builder, read by every projection it runs. */
record ProjectionSettings(BackfillFrom backfillFrom, int pageSize, int concurrency, int maxAttempts,
    Duration initialBackoff, Duration maxBackoff, int readerAttempts, Consumer<ProjectionProgress> progressListener,
    Duration appliedIdRetention, Duration liveCheckpointInterval, UndecodableEventPolicy undecodable,
    Map<String, UndecodableEventPolicy> undecodableByProjection, Tracing tracing) {

  /** The policy of {@code projection}: its own, else the engine's. */
  UndecodableEventPolicy undecodablePolicy(String projection) {
    return undecodableByProjection.getOrDefault(projection, undecodable);
  }

  /** The delay before retry {@code attempt}: the initial backoff doubled per attempt, at most the maximum. */
  Duration backoff(int attempt) {
    return Backoff.doubling(initialBackoff, maxBackoff).delayAfter(attempt);
  }
}

package io.whizbang.runtime.internal.metrics;

import io.whizbang.runtime.projection.ProjectionProgress;
import java.util.OptionalLong;

/** What a running projection's meters read; free of Micrometer's types. All cheap and safe from any thread. */
public interface ProjectionReadings {

  /** The projection's progress now. */
  ProjectionProgress progress();

  /** The live events waiting on the broker for the projection, or empty when not known (not subscribed yet). */
  OptionalLong liveBacklog();

  /** When this run last moved its checkpoint ({@link System#currentTimeMillis()}); at first, when it started. */
  long checkpointMovedAtMillis();
}

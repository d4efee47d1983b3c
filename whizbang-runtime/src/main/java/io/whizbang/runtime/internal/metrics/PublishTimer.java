package io.whizbang.runtime.internal.metrics;

import io.whizbang.runtime.transport.Destination;

/**
 * Records how long outbox rows waited, from being written to being confirmed by the broker. Free of Micrometer's
 * types: a relay holds {@link #NONE} (shared, does nothing) unless its service was given a {@code MeterRegistry}.
 */
public interface PublishTimer {

  PublishTimer NONE = (destination, millis) -> { };

  /** One confirmed row of {@code destination}, {@code millis} after it was written (by the database's clock). */
  void confirmed(Destination destination, long millis);
}

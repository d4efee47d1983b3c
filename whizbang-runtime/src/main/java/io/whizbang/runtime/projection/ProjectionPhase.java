package io.whizbang.runtime.projection;

/** Where a running projection is in its life. */
public enum ProjectionPhase {
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

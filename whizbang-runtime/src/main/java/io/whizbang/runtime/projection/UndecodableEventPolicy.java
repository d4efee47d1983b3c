package io.whizbang.runtime.projection;

/**
 * What a projection does with an event it cannot decode: a payload its event type cannot read (a
 * {@code CodecException}), or, live, bytes that are not an envelope. Decoding fails the same way every time, so such an
 * event is not retried. Set per engine or per projection with {@code ProjectionEngine.Builder#onUndecodableEvent}.
 */
public enum UndecodableEventPolicy {
  /**
   * The default: the projection stops in {@link ProjectionPhase#FAILED} with an error naming the event (its id, type,
   * key and feed cursor) and the reason, in {@link RunningProjection#failure()} and {@link ProjectionProgress#failure()}.
   * The read model holds everything before the event and nothing after it; once the event type decodes it, a new
   * start resumes at that event.
   */
  STOP,
  /**
   * The event is parked in the projection's dead letters (with its bytes and the reason), counted in
   * {@link ProjectionProgress#parked()}, and the projection goes on with the next event. List, replay or discard the
   * parked events with {@code ProjectionEngine#deadLetters}. The read model then misses the event until it is
   * replayed: choose this only for a projection that can do without it for a while.
   */
  PARK
}

package io.whizbang.runtime.store;

import io.whizbang.runtime.envelope.Envelope;

/**
 * An event as stored: its stream, its version in the stream, its feed cursor, and its envelope (whose
 * {@code position} is the event's global position).
 */
public record StoredEvent(String streamId, long streamVersion, EventCursor cursor, Envelope envelope) {
  public long position() {
    return envelope.position();
  }
}

package io.whizbang.runtime.store;

import io.whizbang.runtime.envelope.Envelope;

/**
 * An event as stored: its stream, its version in the stream, its feed cursor, and its envelope (whose
 * {@code position} is the event's global position).
 */
public record StoredEvent(String streamId, long streamVersion, EventCursor cursor, Envelope envelope) {
  /** The header of a published event that carries its feed cursor ({@link #envelopeWithCursor()}). */
  public static final String CURSOR_HEADER = "whizbang-feed-cursor";

  public long position() {
    return envelope.position();
  }

  /**
   * The envelope with its feed cursor in the {@link #CURSOR_HEADER} header: what the outbox publishes, so a live
   * projection can record where in the owner's feed each event it applied sits.
   */
  public Envelope envelopeWithCursor() {
    java.util.Map<String, String> headers = new java.util.HashMap<>(envelope.headers());
    headers.put(CURSOR_HEADER, cursor.token());
    return new Envelope(envelope.messageId(), envelope.wireName(), envelope.domain(), envelope.partitionKey(),
        envelope.correlationId(), envelope.causationId(), envelope.occurredAt(), envelope.position(), headers,
        envelope.payload());
  }
}

package io.whizbang.runtime.transport;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A message ready for the broker: already-encoded envelope bytes (stored once in the outbox, never re-serialized)
 * plus the metadata a transport needs for routing and for native broker headers.
 *
 * @param partitionKey the ordering key, or {@code null}; a transport keeps messages of one key in order
 * @param priority 0 (default) to 9, honoured by brokers that support priorities
 * @param headers copied to native broker headers so that tools can see them without decoding the body
 *     (correlation and causation ids, W3C {@code traceparent}); the body stays the source of truth
 * @param body the bytes of the encoded envelope
 */
public record OutgoingMessage(
    UUID messageId,
    String wireName,
    Destination destination,
    String partitionKey,
    int priority,
    Map<String, String> headers,
    byte[] body) {

  public OutgoingMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(wireName, "wireName");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(body, "body");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority must be 0..9, was " + priority);
    }
  }
}

package io.whizbang.runtime.transport;

import java.util.Objects;
import java.util.UUID;

/**
 * A message ready for the broker: already-encoded envelope bytes (stored once in the outbox, never re-serialized)
 * plus the metadata a transport needs for routing and broker headers.
 *
 * @param partitionKey the ordering key, or {@code null}; a transport keeps messages of one key in order
 * @param priority 0 (default) to 9, honoured by brokers that support priorities
 * @param body the bytes of {@code EnvelopeCodec.encode(envelope)}
 */
public record OutgoingMessage(
    UUID messageId, String wireName, Destination destination, String partitionKey, int priority, byte[] body) {

  public OutgoingMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(wireName, "wireName");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(body, "body");
  }
}

package io.whizbang.runtime.envelope;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One message on the wire: its identity and routing metadata plus the JSON payload bytes. The same envelope, in the
 * same bytes ({@code EnvelopeCodec}), crosses every broker and the HTTP event feed.
 *
 * @param messageId unique per message and the inbox's deduplication key
 * @param wireName the stable type name, for example {@code orders.OrderPlaced}; never a Java class name
 * @param domain the owning domain of the message type
 * @param partitionKey the aggregate key that orders messages, or {@code null}
 * @param correlationId the id shared by every message caused, directly or not, by one original request
 * @param causationId the id of the message whose handler produced this one, or {@code null} for an original
 * @param occurredAt when the message was created
 * @param position the event-store position of an event, or {@link #NO_POSITION}
 * @param headers free-form string headers, including W3C {@code traceparent} where present
 * @param payload the message as JSON (UTF-8)
 */
public record Envelope(
    UUID messageId,
    String wireName,
    String domain,
    String partitionKey,
    UUID correlationId,
    UUID causationId,
    Instant occurredAt,
    long position,
    Map<String, String> headers,
    byte[] payload) {

  /** The position of a message that is not (yet) stored in an event store. */
  public static final long NO_POSITION = -1;

  public Envelope {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(wireName, "wireName");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(payload, "payload");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** A copy of this envelope stamped with its event-store position. */
  public Envelope withPosition(long newPosition) {
    return new Envelope(messageId, wireName, domain, partitionKey, correlationId, causationId, occurredAt,
        newPosition, headers, payload);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Envelope e
        && messageId.equals(e.messageId)
        && wireName.equals(e.wireName)
        && domain.equals(e.domain)
        && Objects.equals(partitionKey, e.partitionKey)
        && correlationId.equals(e.correlationId)
        && Objects.equals(causationId, e.causationId)
        && occurredAt.equals(e.occurredAt)
        && position == e.position
        && headers.equals(e.headers)
        && java.util.Arrays.equals(payload, e.payload);
  }

  @Override
  public int hashCode() {
    return messageId.hashCode();
  }

  @Override
  public String toString() {
    // Logged on every failure: a partition key is user data of any length, so it is clipped here.
    return "Envelope[" + wireName + " " + messageId
        + (partitionKey == null ? "" : " key=" + io.whizbang.runtime.internal.Clipped.text(partitionKey, 64)) + "]";
  }
}

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

  /**
   * The header holding the instant after which the message is not worth handling (ISO-8601), set from its time to
   * live; copied to the broker headers as {@link BrokerHeaders#EXPIRES_AT}.
   */
  public static final String EXPIRES_AT_HEADER = "whizbang-expires-at";

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
  /** When this message expires, or null when it never does (no header, or one that is not an instant). */
  public java.time.Instant expiresAt() {
    return BrokerHeaders.instant(headers.get(EXPIRES_AT_HEADER));
  }

  /** This message's expiry when {@code now} has passed it; else null. */
  public java.time.Instant expiredAt(java.time.Instant now) {
    java.time.Instant expiresAt = expiresAt();
    return expiresAt != null && now.isAfter(expiresAt) ? expiresAt : null;
  }

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
        + (partitionKey == null ? "" : " key=" + io.whizbang.runtime.core.internal.Clipped.text(partitionKey, 64)) + "]";
  }
}

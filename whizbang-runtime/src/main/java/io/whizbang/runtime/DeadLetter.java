package io.whizbang.runtime;

import java.time.Instant;
import java.util.UUID;

/**
 * A message parked instead of handled, published or applied, with its exact bytes, so that nothing is lost and it can
 * be replayed once the cause is fixed ({@link DeadLetters}).
 *
 * @param source where it was parked
 * @param owner whose it is: the subscriber id ({@link Source#INBOX}), the destination it was to be published to, as
 *     {@code whizbang.<domain>.events|commands} ({@link Source#OUTBOX}), or the projection's name
 *     ({@link Source#PROJECTION})
 * @param id the dead letter's own id (for {@link DeadLetters#replay} and {@link DeadLetters#discard}); an outbox row
 *     keeps its outbox id, its place in its key's order
 * @param messageId the envelope's message id, or, for bytes that are not an envelope, an id derived from the bytes
 * @param wireName the wire name, or {@code null} when the envelope could not be read
 * @param partitionKey the partition key, or {@code null}
 * @param reason what went wrong, readable
 * @param stackTrace a summary of the failure's stack trace ({@link Source#INBOX}), else {@code null}
 * @param cursor the event's cursor in the owner's feed ({@link Source#PROJECTION}, when known), else {@code null}
 * @param body the bytes, exactly as received or as they would be published
 * @param attempts how many times it was tried
 * @param parkedAt when it was parked
 */
public record DeadLetter(
    Source source,
    String owner,
    long id,
    UUID messageId,
    String wireName,
    String partitionKey,
    String reason,
    String stackTrace,
    String cursor,
    byte[] body,
    int attempts,
    Instant parkedAt) {

  /** The three places that park messages. */
  public enum Source {
    /** A subscription's inbox: undecodable, no handler, or the handler kept failing. */
    INBOX,
    /** The outbox: the broker refused the message for good. */
    OUTBOX,
    /** A projection: an event it cannot decode, under {@code UndecodableEventPolicy.PARK}. */
    PROJECTION
  }

  @Override
  public String toString() {
    return "DeadLetter[" + source + " " + id + " " + (wireName == null ? "?" : wireName) + " " + messageId + " key="
        + partitionKey + (cursor == null ? "" : " cursor=" + cursor) + " of '" + owner + "' after " + attempts
        + " attempt(s): " + reason + "]";
  }
}

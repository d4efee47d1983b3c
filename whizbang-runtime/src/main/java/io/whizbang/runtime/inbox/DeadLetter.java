package io.whizbang.runtime.inbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A message a consumer parked instead of handling: it could not be decoded, nobody handles its type, or its handler
 * kept failing. Holds the original bytes, so nothing is lost and it can be replayed once the cause is fixed.
 *
 * @param id the dead letter's own id (for {@link DeadLetters#replay} and {@link DeadLetters#delete})
 * @param consumerId the subscriber that received it
 * @param messageId the envelope's message id, or, for bytes that are not an envelope, an id derived from the bytes
 * @param wireName the wire name, or {@code null} when the envelope could not be read
 * @param partitionKey the partition key the broker delivered it with, or {@code null}
 * @param reason what went wrong, readable
 * @param stackTrace a summary of the exception's stack trace, or {@code null}
 * @param body the delivered bytes, exactly as received
 * @param attempts how many times it was tried
 * @param deadLetteredAt when it was parked
 */
public record DeadLetter(
    long id,
    String consumerId,
    UUID messageId,
    String wireName,
    String partitionKey,
    String reason,
    String stackTrace,
    byte[] body,
    int attempts,
    Instant deadLetteredAt) {

  @Override
  public String toString() {
    return "DeadLetter[" + id + " " + (wireName == null ? "?" : wireName) + " " + messageId + " for '" + consumerId
        + "' after " + attempts + " attempt(s): " + reason + "]";
  }
}

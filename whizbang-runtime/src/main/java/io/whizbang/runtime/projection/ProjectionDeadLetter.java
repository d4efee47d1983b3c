package io.whizbang.runtime.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * An event a projection parked instead of applying (see {@link UndecodableEventPolicy#PARK}), with its bytes, so it
 * can be replayed once its type decodes it.
 *
 * @param id the dead letter's own id (for {@link ProjectionDeadLetters#replay} and {@link ProjectionDeadLetters#discard})
 * @param projection the projection that parked it
 * @param messageId the event's message id, or, for bytes that are not an envelope, an id derived from the bytes
 * @param wireName the event's wire name, or {@code null} when the envelope could not be read
 * @param partitionKey the event's partition key (its aggregate), or {@code null}
 * @param cursor the event's cursor in the owner's feed, or {@code null} when unknown (a live delivery without it)
 * @param reason why it could not be applied
 * @param body the envelope bytes
 * @param parkedAt when it was parked
 */
public record ProjectionDeadLetter(
    long id,
    String projection,
    UUID messageId,
    String wireName,
    String partitionKey,
    String cursor,
    String reason,
    byte[] body,
    Instant parkedAt) {

  @Override
  public String toString() {
    return "ProjectionDeadLetter[" + id + " " + (wireName == null ? "?" : wireName) + " " + messageId + " key="
        + partitionKey + " cursor=" + cursor + " of '" + projection + "': " + reason + "]";
  }
}

package io.whizbang.runtime.relay;

import io.whizbang.runtime.transport.Destination;
import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row the broker refused for good, parked with its reason and its exact bytes.
 *
 * @param id the outbox row's id, kept when parked (its place in its key's order); pass it to
 *     {@link OutboxDeadLetters#replay} or {@link OutboxDeadLetters#discard}
 * @param messageId the message's id
 * @param destination where it was to be published
 * @param partitionKey its partition key, or {@code null}
 * @param wireName its wire name
 * @param attempts publish attempts made
 * @param reason the broker's refusal, readable
 * @param body the envelope bytes, as they would be published
 * @param createdAt when the row was appended
 * @param parkedAt when it was parked
 */
public record OutboxDeadLetter(
    long id,
    UUID messageId,
    Destination destination,
    String partitionKey,
    String wireName,
    int attempts,
    String reason,
    byte[] body,
    Instant createdAt,
    Instant parkedAt) {

  @Override
  public String toString() {
    return "OutboxDeadLetter[id=" + id + ", messageId=" + messageId + ", destination=" + destination
        + ", partitionKey=" + partitionKey + ", wireName=" + wireName + ", attempts=" + attempts + ", reason="
        + reason + "]";
  }
}

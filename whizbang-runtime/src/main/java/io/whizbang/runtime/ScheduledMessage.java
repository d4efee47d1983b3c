package io.whizbang.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The handle of a message sent with {@link SendOptions}: its id and when it is due, by the database's clock (the
 * moment it was stored for a message sent at once). Keep it to cancel a scheduled message while it is not yet due:
 * {@code whizbang.cancel(handle)}, or {@code context.cancel(handle)} in a handler.
 *
 * @param messageId the message's id, as in its envelope
 * @param dueAt when the relay publishes it
 */
public record ScheduledMessage(UUID messageId, Instant dueAt) {

  public ScheduledMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(dueAt, "dueAt");
  }
}

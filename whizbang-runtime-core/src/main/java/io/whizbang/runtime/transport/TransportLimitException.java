package io.whizbang.runtime.transport;

/**
 * A message exceeds the limits its transport declares ({@link TransportLimits}): it can never be sent. Thrown where
 * the message is produced (an outbox append, a direct publish), before anything of it is stored or sent; a
 * transport may also fail a publish with it, a permanent refusal the outbox relay parks.
 */
public final class TransportLimitException extends PermanentPublishException {
  public TransportLimitException(String message) {
    super(message);
  }
}

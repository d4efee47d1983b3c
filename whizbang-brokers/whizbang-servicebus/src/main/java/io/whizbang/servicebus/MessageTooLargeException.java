package io.whizbang.servicebus;

import io.whizbang.runtime.transport.PermanentPublishException;

/**
 * A message does not fit the entity's size limit (the max-message-size the entity advertises: 256 KiB on the
 * Standard tier, up to 100 MiB on Premium). It is refused before it is sent; the outbox relay parks it.
 */
public final class MessageTooLargeException extends PermanentPublishException {
  public MessageTooLargeException(String message) {
    super(message);
  }
}

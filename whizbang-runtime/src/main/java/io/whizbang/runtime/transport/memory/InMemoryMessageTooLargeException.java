package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.transport.PermanentPublishException;

/**
 * A message is larger than the in-memory transport's {@code maxMessageBytes}; it is never queued. A permanent
 * refusal: the outbox relay parks the message.
 */
final class InMemoryMessageTooLargeException extends PermanentPublishException {
  InMemoryMessageTooLargeException(String message) {
    super(message);
  }
}

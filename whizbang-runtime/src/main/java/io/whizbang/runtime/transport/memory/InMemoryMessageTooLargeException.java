package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.WhizbangException;

/** A message is larger than the in-memory transport's {@code maxMessageBytes}; it is never queued. */
public final class InMemoryMessageTooLargeException extends WhizbangException {
  public InMemoryMessageTooLargeException(String message) {
    super(message);
  }
}

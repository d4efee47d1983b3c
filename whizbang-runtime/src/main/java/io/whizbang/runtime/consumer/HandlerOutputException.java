package io.whizbang.runtime.consumer;

import io.whizbang.runtime.core.WhizbangException;

/**
 * A handler tried to send or publish something the runtime refused (an unregistered type, an event of a domain the
 * service does not own, a codec failure). Kept apart from the poison signals of the handled message itself
 * ({@code CodecException}, {@code UnknownMessageTypeException}), so that a handler bug is retried, never mistaken
 * for an undecodable message and dropped.
 */
public final class HandlerOutputException extends WhizbangException {
  HandlerOutputException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.whizbang.runtime.envelope;

import io.whizbang.runtime.codec.CodecException;

/**
 * Bytes that are not a valid envelope. The message names the field at fault and the byte offset where it was
 * found, and, when they could be read before the fault, the message id and wire name, so a dead letter or log line
 * says which message was lost to what.
 */
public class MalformedEnvelopeException extends CodecException {
  public MalformedEnvelopeException(String message) {
    super(message);
  }

  public MalformedEnvelopeException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.whizbang.runtime.codec;

import io.whizbang.runtime.core.internal.Clipped;
import io.whizbang.runtime.core.WhizbangException;

/**
 * The JSON did not describe a valid value: the message names the type, the field and the position. Messages are
 * clipped to about {@link Clipped#MAX_MESSAGE} characters, whatever the input quoted in them.
 */
public class CodecException extends WhizbangException {
  public CodecException(String message) {
    super(Clipped.message(message));
  }

  public CodecException(String message, Throwable cause) {
    super(Clipped.message(message), cause);
  }
}

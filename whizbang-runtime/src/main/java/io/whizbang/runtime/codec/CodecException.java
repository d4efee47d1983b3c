package io.whizbang.runtime.codec;

import io.whizbang.runtime.WhizbangException;

/** The JSON did not describe a valid value: the message names the type, the field and the position. */
public class CodecException extends WhizbangException {
  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}

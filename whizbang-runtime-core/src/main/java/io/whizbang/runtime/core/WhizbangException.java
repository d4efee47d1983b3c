package io.whizbang.runtime.core;

/** Base of every error the runtime raises on purpose; its message says what went wrong and what to do next. */
public class WhizbangException extends RuntimeException {
  public WhizbangException(String message) {
    super(message);
  }

  public WhizbangException(String message, Throwable cause) {
    super(message, cause);
  }
}

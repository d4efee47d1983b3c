package io.whizbang.runtime.dispatch;

import io.whizbang.runtime.core.WhizbangException;

/** A message arrived, or was sent, whose wire name or Java type no registered module declares. */
public class UnknownMessageTypeException extends WhizbangException {
  public UnknownMessageTypeException(String message) {
    super(message);
  }
}

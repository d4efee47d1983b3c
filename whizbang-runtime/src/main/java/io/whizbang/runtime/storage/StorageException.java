package io.whizbang.runtime.storage;

import io.whizbang.runtime.core.WhizbangException;

/** A database operation of the runtime failed; the message names the operation and the table involved. */
public class StorageException extends WhizbangException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}

package io.whizbang.sqs;

import io.whizbang.runtime.core.WhizbangException;

/** A queue, topic or subscription the transport needs does not exist, and provisioning is off. */
public final class MissingResourceException extends WhizbangException {
  public MissingResourceException(String message) {
    super(message);
  }
}

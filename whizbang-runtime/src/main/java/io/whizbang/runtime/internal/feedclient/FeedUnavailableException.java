package io.whizbang.runtime.internal.feedclient;

import io.whizbang.runtime.core.WhizbangException;

/** The owner's feed could not be read within the configured attempts (network failures, 5xx replies). */
public final class FeedUnavailableException extends WhizbangException {
  FeedUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

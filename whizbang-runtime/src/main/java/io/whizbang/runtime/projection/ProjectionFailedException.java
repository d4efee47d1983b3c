package io.whizbang.runtime.projection;

import io.whizbang.runtime.core.WhizbangException;

/** A projection stopped: an event could not be applied within the retries, or its feed refused or failed. */
public final class ProjectionFailedException extends WhizbangException {
  ProjectionFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}

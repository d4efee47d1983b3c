package io.whizbang.runtime.store;

import io.whizbang.runtime.WhizbangException;

/**
 * An append expected a stream at one version and found it at another: someone else appended first. Reload the
 * aggregate and decide again (or retry the command).
 */
public final class ConcurrencyException extends WhizbangException {
  private final String streamId;
  private final long expectedVersion;
  private final long actualVersion;

  ConcurrencyException(String streamId, long expectedVersion, long actualVersion, boolean concurrent) {
    super(concurrent
        ? "Stream '" + streamId + "' was expected at version " + expectedVersion
            + " but a concurrent transaction appended version " + actualVersion + " first; reload and retry"
        : "Stream '" + streamId + "' was expected at version " + expectedVersion + " but is at version "
            + actualVersion + "; reload and retry");
    this.streamId = streamId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public String streamId() {
    return streamId;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version found (or, for a concurrent append, the lowest version the other transaction wrote). */
  public long actualVersion() {
    return actualVersion;
  }
}

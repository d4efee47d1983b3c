package io.whizbang.runtime.store;

import io.whizbang.runtime.core.WhizbangException;

/**
 * An append expected a stream at one version and found it at another: someone else appended first. Reload the
 * aggregate and decide again (or retry the command).
 */
public final class ConcurrencyException extends WhizbangException {
  private final String streamId;
  private final long expectedVersion;
  private final long actualVersion;

  ConcurrencyException(String streamId, long expectedVersion, long actualVersion, boolean concurrent) {
    this(concurrent
        ? "Stream '" + streamId + "' was expected at version " + expectedVersion
            + " but a concurrent transaction appended version " + actualVersion + " first; reload and retry"
        : "Stream '" + streamId + "' was expected at version " + expectedVersion + " but is at version "
            + actualVersion + "; reload and retry", streamId, expectedVersion, actualVersion);
  }

  private ConcurrencyException(String message, String streamId, long expectedVersion, long actualVersion) {
    super(message);
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

  /**
   * A stream expected to be new ({@link EventStore#NO_STREAM}) has events: its version 1 exists, whether it was
   * written long ago or by a concurrent transaction (the append does not read the stream's head to tell).
   */
  static ConcurrencyException notNew(String streamId) {
    return new ConcurrencyException("Stream '" + streamId + "' was expected to be new (version 0) but already has"
        + " events; reload and retry", streamId, EventStore.NO_STREAM, 1);
  }

  /**
   * The version found (or, for a concurrent append, the lowest version the other transaction wrote; for a stream
   * expected new, 1).
   */
  public long actualVersion() {
    return actualVersion;
  }
}

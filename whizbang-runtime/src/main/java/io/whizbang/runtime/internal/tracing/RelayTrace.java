package io.whizbang.runtime.internal.tracing;

/** The span of one relay publish round, ended once every message of it was confirmed or failed. */
public interface RelayTrace {

  /**
   * Ends the span; with {@code failed} above 0 it gets an error status, described by {@code firstError}.
   */
  void end(int confirmed, int failed, String firstError);
}

package io.whizbang.runtime.internal.feedclient;

/**
 * Receives the events a {@link BackfillReader} reads, in feed order. {@link #onPause()} marks a point where no more
 * events follow at once (an end line, a dropped connection): a good moment to commit what was buffered.
 */
public interface FeedSink {
  void onEvent(FeedEvent event) throws Exception;

  default void onPause() throws Exception {}
}

package io.whizbang.runtime.feed;

import io.whizbang.runtime.store.EventStore;

/**
 * Limits of an {@link EventFeed}.
 *
 * <pre>{@code
 * FeedOptions options = FeedOptions.defaults().withMaxPageSize(2_000);
 * }</pre>
 *
 * @param defaultPageSize the page size of a request without {@code limit} and without {@code stream}
 * @param maxPageSize the largest {@code limit} a request may ask for (at most {@link EventStore#MAX_PAGE})
 * @param streamBatch how many events a streaming reply reads from the store at once
 */
record FeedOptions(int defaultPageSize, int maxPageSize, int streamBatch) {
  public FeedOptions {
    check("maxPageSize", maxPageSize, 1, EventStore.MAX_PAGE);
    check("defaultPageSize", defaultPageSize, 1, maxPageSize);
    check("streamBatch", streamBatch, 1, EventStore.MAX_PAGE);
  }

  /** 500 per page by default, at most 5,000; streams read 1,000 events at a time. */
  public static FeedOptions defaults() {
    return new FeedOptions(500, 5_000, 1_000);
  }

  public FeedOptions withMaxPageSize(int value) {
    return new FeedOptions(Math.min(defaultPageSize, value), value, streamBatch);
  }

  public FeedOptions withDefaultPageSize(int value) {
    return new FeedOptions(value, maxPageSize, streamBatch);
  }

  public FeedOptions withStreamBatch(int value) {
    return new FeedOptions(defaultPageSize, maxPageSize, value);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
  }
}

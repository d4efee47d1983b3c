package io.whizbang.runtime.feed;

import io.whizbang.runtime.store.EventCursor;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A validated read of the event feed: which wire names, where to start, and how much to return.
 *
 * <pre>{@code
 * FeedRequest request = feed.parse("types=orders.OrderPlaced&after=0.0&stream=true");
 * }</pre>
 *
 * @param wireNames only events of these wire names (each one the feed knows); empty for every type the feed serves
 * @param after start after this cursor ({@link EventCursor#START} for the beginning)
 * @param from only events that occurred at or after this instant, or {@code null}
 * @param limit the page size, or {@link #STREAM} to stream every event up to the head
 * @param progress whether the reader accepts progress lines ({@code progress=true}): a streaming reply then sends
 *     {@code {"cursor":"…","progress":true}} after a store page that matched nothing, so the connection never idles
 *     and the reader moves its cursor on
 */
record FeedRequest(Set<String> wireNames, EventCursor after, Instant from, int limit, boolean progress) {
  /** The {@code limit} of a request that streams up to the head instead of returning one page. */
  public static final int STREAM = 0;

  public FeedRequest {
    wireNames = Set.copyOf(wireNames);
    Objects.requireNonNull(after, "after");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be positive, or STREAM, was " + limit);
    }
  }

  /** A request without progress lines (what readers older than them get). */
  public FeedRequest(Set<String> wireNames, EventCursor after, Instant from, int limit) {
    this(wireNames, after, from, limit, false);
  }

  /** True when the reply streams every event up to the head rather than one page. */
  public boolean streaming() {
    return limit == STREAM;
  }
}

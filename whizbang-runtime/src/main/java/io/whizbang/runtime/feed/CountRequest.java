package io.whizbang.runtime.feed;

import io.whizbang.runtime.store.EventCursor;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A validated count of the feed's events in the range {@code (after, upTo]}: how a projection proves that the
 * events it applied live cover a range of the feed before moving its checkpoint over it.
 *
 * @param wireNames only events of these wire names; empty for every event
 * @param after the range starts after this cursor
 * @param upTo the range ends at this cursor, included
 * @param from only events that occurred at or after this instant, or {@code null}
 */
record CountRequest(Set<String> wireNames, EventCursor after, EventCursor upTo, Instant from) {
  public CountRequest {
    wireNames = Set.copyOf(wireNames);
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(upTo, "upTo");
  }
}

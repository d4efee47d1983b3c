package io.whizbang.runtime.store;

import java.util.List;

/**
 * One page of the all-events feed.
 *
 * @param events the events after the requested cursor, in feed order
 * @param next where the next read starts (the last event's cursor, or the requested one when the page is empty)
 * @param atHead true when fewer events than the limit were returned: the reader has caught up with every event
 *     that can safely be read now
 */
public record EventPage(List<StoredEvent> events, EventCursor next, boolean atHead) {
  public EventPage {
    events = List.copyOf(events);
  }
}

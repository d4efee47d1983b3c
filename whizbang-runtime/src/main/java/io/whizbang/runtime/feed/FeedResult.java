package io.whizbang.runtime.feed;

import io.whizbang.runtime.store.EventCursor;

/**
 * What one reply of the feed wrote.
 *
 * @param cursor where the next read starts
 * @param events how many event lines were written
 * @param end why the reply ended: {@code "head"}, {@code "limit"} or {@code "error"}
 */
record FeedResult(EventCursor cursor, long events, String end) {}

package io.whizbang.runtime.internal.feedclient;

/**
 * The answer to a {@link CountRequest}.
 *
 * @param count the events in the range visible now
 * @param settled true when no event can still appear in the range (on PostgreSQL: the range ends below the oldest
 *     running transaction); a count that is not settled proves nothing
 */
public record FeedCount(long count, boolean settled) {}

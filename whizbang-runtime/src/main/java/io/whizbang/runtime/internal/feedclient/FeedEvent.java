package io.whizbang.runtime.internal.feedclient;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.store.EventCursor;

/** One event read from an owner's feed: its envelope and the cursor to resume after it. */
public record FeedEvent(EventCursor cursor, Envelope envelope) {}

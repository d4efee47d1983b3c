package io.whizbang.runtime.inbox;

import io.whizbang.runtime.inbox.InboxConfig.UnknownTypePolicy;

/**
 * What one subscription's inbox did since its service started: a snapshot in the style of
 * {@link io.whizbang.runtime.transport.TransportStats}. Counters only grow; compare two snapshots for a rate.
 *
 * @param handled messages whose handlers ran and committed (replays included)
 * @param duplicates deliveries recognised by the inbox and skipped without calling a handler
 * @param retried failed attempts given back to the broker for a later retry
 * @param deadLettered messages parked in the dead-letter table
 * @param ignored messages of unknown type acknowledged unhandled ({@link UnknownTypePolicy#IGNORE})
 * @param expired messages that arrived after their time to live and were acknowledged unhandled
 */
public record InboxStats(long handled, long duplicates, long retried, long deadLettered, long ignored,
    long expired) {

  /** Stats of a consumer that skipped no expired message. */
  public InboxStats(long handled, long duplicates, long retried, long deadLettered, long ignored) {
    this(handled, duplicates, retried, deadLettered, ignored, 0);
  }
}

package io.whizbang.runtime.inbox;

import io.whizbang.runtime.DeadLetters;

/**
 * What a running service shows of one subscription's inbox ({@code Whizbang.inbox(subscriberId)}): its statistics,
 * its dead letters, and its cleanup, run now. The consumer behind it stays the service's own.
 */
public interface Inbox {

  /** The subscriber id (the service name or a projection's name) the inbox rows and dead letters are kept under. */
  String subscriberId();

  /** What this inbox did since the service started. */
  InboxStats stats();

  /** List, replay and discard the messages this inbox parked. */
  DeadLetters deadLetters();

  /**
   * Deletes the inbox rows older than the cleanup retention now, in bounded batches, besides the cleanup the service
   * runs every cleanup interval; returns how many it deleted.
   */
  long deleteExpired();
}

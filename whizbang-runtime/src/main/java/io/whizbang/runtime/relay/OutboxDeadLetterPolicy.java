package io.whizbang.runtime.relay;

/** What the relay does with the later rows of a key once one of its rows is parked as an outbox dead letter. */
public enum OutboxDeadLetterPolicy {
  /**
   * The default: the parked row holds every later row of its key on its destination until an operator replays it
   * ({@link OutboxDeadLetters#replay}: it is published, then the key flows again) or discards it
   * ({@link OutboxDeadLetters#discard}: the key flows on without it). Per-key order is never broken.
   */
  HOLD_KEY,
  /** The later rows of the key are published at once; a replayed dead letter then arrives after them. */
  SKIP
}

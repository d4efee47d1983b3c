package io.whizbang.runtime.inbox;

/**
 * What an inbox consumer does with a message the broker says was published longer ago than the inbox retention
 * ({@code cleanupRetention}) and that it has no inbox row for: a replay or redelivery of an old message whose inbox
 * row may have been cleaned up, so applying it could apply it a second time.
 */
public enum StaleMessagePolicy {
  /**
   * Park it as a dead letter, with its age in the reason, without running a handler (the default). Replaying the
   * dead letter applies it, once.
   */
  DEAD_LETTER,
  /** Apply it (logged with its age): for replays meant to re-apply history, such as rebuilding a new subscriber. */
  APPLY
}

package io.whizbang.runtime.inbox;

/** What a consumer does with a message whose wire name none of its handlers handles. */
public enum UnknownTypePolicy {
  /** Park it in the dead-letter table (the default): nothing is lost, and it can be replayed later. */
  DEAD_LETTER,
  /** Acknowledge it unhandled and count it, for subscribers that knowingly receive more types than they handle. */
  IGNORE
}

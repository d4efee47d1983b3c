package io.whizbang.runtime.internal.tracing;

/** The {@code whizbang.inbox.outcome} of a handled message's span. */
public enum InboxOutcome {
  /** The handlers ran and their transaction committed. */
  APPLIED("applied"),
  /** The inbox had it already: acknowledged without running a handler. */
  DUPLICATE("duplicate"),
  /** Released to the broker for a later redelivery (the handler failed, or could not run). */
  RETRIED("retried"),
  /** Parked in the dead-letter table. */
  DEAD_LETTERED("dead_lettered"),
  /** No handler of the subscriber handles its wire name, and unknown types are ignored. */
  IGNORED("ignored"),
  /** It arrived after its expiry and was acknowledged without running a handler. */
  EXPIRED("expired"),
  /** Without an inbox: it can never be handled, and was acknowledged unhandled. */
  DROPPED("dropped");

  private final String value;

  InboxOutcome(String value) {
    this.value = value;
  }

  /** The attribute's value. */
  public String value() {
    return value;
  }
}

package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.core.WhizbangException;

/**
 * The in-memory transport refused a message because a subscriber already holds as many unacknowledged messages as
 * its capacity allows. The publish future fails with it and nothing is enqueued for any subscriber, so the caller
 * (or the outbox relay) can retry later.
 */
public class InMemoryTransportFullException extends WhizbangException {
  public InMemoryTransportFullException(String message) {
    super(message);
  }
}

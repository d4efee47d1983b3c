package io.whizbang.runtime.transport;

/**
 * A running consumer. Closing it (idempotent) stops delivery; deliveries not yet acknowledged are redelivered later,
 * and the subscriber id keeps receiving its messages while none of its subscriptions is open, for when it returns.
 */
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}

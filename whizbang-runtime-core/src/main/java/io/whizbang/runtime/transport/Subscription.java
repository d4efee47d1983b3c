package io.whizbang.runtime.transport;

import java.util.OptionalLong;

/**
 * A running consumer. Closing it (idempotent) stops delivery; deliveries not yet acknowledged are redelivered later,
 * and the subscriber id keeps receiving its messages while none of its subscriptions is open, for when it returns.
 */
public interface Subscription extends AutoCloseable {

  /**
   * The messages waiting on the broker for this subscription, as the broker reports them, or empty where the
   * broker does not tell it or it is not known yet. Cheap and safe from any thread: a value the subscription keeps
   * up to date in the background, never a broker round trip on the caller's thread (a meter reads it at every
   * scrape).
   */
  default OptionalLong backlog() {
    return OptionalLong.empty();
  }

  @Override
  void close();
}

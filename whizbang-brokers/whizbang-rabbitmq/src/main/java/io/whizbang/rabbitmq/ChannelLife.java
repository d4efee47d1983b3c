package io.whizbang.rabbitmq;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the times a consumer channel went down. A delivery taken before the latest shutdown is stale: the broker
 * already put it back into the queue (and may have given it to another consumer), and an acknowledgement of it can
 * no longer arrive, so it must not be handled.
 */
final class ChannelLife {

  private final AtomicInteger shutdowns = new AtomicInteger();

  /** Called by the channel's shutdown listener (connection loss, broker close, application close). */
  void ended() {
    shutdowns.incrementAndGet();
  }

  /** The current life; compare with {@link #isOver(int)} later. */
  int current() {
    return shutdowns.get();
  }

  boolean isOver(int life) {
    return shutdowns.get() != life;
  }
}

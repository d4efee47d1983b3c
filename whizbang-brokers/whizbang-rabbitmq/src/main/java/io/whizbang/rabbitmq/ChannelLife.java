package io.whizbang.rabbitmq;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the times a consumer channel went down. A delivery taken before the latest shutdown is stale: the broker
 * already put it back into the queue (and may have given it to another consumer), and an acknowledgement of it can
 * no longer arrive, so it must not be handled.
 *
 * <p>The count moves in the consumer's own callback order ({@code Consumer.handleShutdownSignal}, which the client
 * runs after every delivery the dead channel had already received), never from a channel shutdown listener: a
 * listener runs on the connection's thread, possibly before the last deliveries of the dead channel reach the
 * consumer, which would then take them as fresh. A lane would drop an earlier delivery of a key as stale and hand a
 * later one of the same dead channel to the handler: the key applied out of order. Counted in callback order, every
 * delivery of a dead channel becomes stale at once, so a lane that sees one of them stale sees the later ones stale.
 */
final class ChannelLife {

  private final AtomicInteger shutdowns = new AtomicInteger();

  /** Called by the consumer's shutdown callback (connection loss, broker close, application close). */
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

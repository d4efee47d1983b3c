package io.whizbang.runtime;

import io.whizbang.runtime.inbox.InboxConsumer;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.util.List;
import java.util.function.Supplier;

/**
 * A subscription's inbox consumer, as a service with storage runs it: after each handled batch the service's relay
 * is woken, because handlers may write outbox rows on the inbox's connection without a commit signal (an aggregate
 * saved with {@code repository.save(context.connection(), ...)}, for example).
 */
final class InboxGuardedHandler implements DeliveryHandler, AutoCloseable {

  private final InboxConsumer consumer;
  private final Supplier<Relay> relay;

  InboxGuardedHandler(InboxConsumer consumer, Supplier<Relay> relay) {
    this.consumer = consumer;
    this.relay = relay;
  }

  InboxConsumer consumer() {
    return consumer;
  }

  @Override
  public void handle(List<Delivery> batch) {
    consumer.handle(batch);
    Relay r = relay.get();
    if (r != null) {
      r.wake();
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}

package io.whizbang.runtime.internal.metrics;

import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Subscription;

/**
 * What a service tells its meters, as it wires itself (never per message: the per-message hooks are the
 * {@link HandlerTimer} and {@link PublishTimer} it hands out). Free of Micrometer's types, so a service holds
 * {@link #NONE} without loading them; {@link MicrometerServiceMetrics} is the one that registers meters.
 *
 * <pre>{@code
 * ServiceMetrics metrics = registry == null ? ServiceMetrics.NONE
 *     : MicrometerServiceMetrics.create(registry, "shipping", transport.name(), ttl);
 * Subscription s = transport.subscribe(request, metrics.consumer("shipping", handler));
 * metrics.subscribed("shipping", s);
 * }</pre>
 */
public interface ServiceMetrics {

  /** No meters: every hook is a shared no-op and a handler is subscribed as it is. */
  ServiceMetrics NONE = new ServiceMetrics() { };

  /** The timer of a subscription's handler runs. */
  default HandlerTimer handlerTimer(String subscriberId) {
    return HandlerTimer.NONE;
  }

  /** The handler to subscribe with: {@code handler} itself, or one that counts in-flight messages and busy lanes. */
  default DeliveryHandler consumer(String subscriberId, DeliveryHandler handler) {
    return handler;
  }

  /** The subscription opened for {@code subscriberId}: its broker backlog. */
  default void subscribed(String subscriberId, Subscription subscription) {}

  /** The inbox of a subscription: its counters, rows, cleanup and dead letters. */
  default void inbox(InboxConsumer inbox) {}

  /** The service's relay, before it starts: its counters and the wait of each published row. */
  default void relay(Relay relay) {}

  /** The service's outbox: its pending rows, their age and its dead letters. */
  default void outbox(SqlStorage storage) {}

  /** Removes the service's meters from the registry. */
  default void close() {}
}

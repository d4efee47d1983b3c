package io.whizbang.runtime.consumer;

import io.whizbang.runtime.transport.DeliveryHandler;

/**
 * Builds the delivery handler of each subscription a service opens. The default runs the standard
 * {@link ConsumerPipeline}; an inbox-guarded consumer replaces it whole. A handler that is {@link AutoCloseable} is
 * closed after its subscription when the service closes.
 *
 * <pre>{@code
 * Whizbang.builder()...consumers(spec -> InboxConsumer.builder(storage, spec.subscriberId())
 *     .dispatchers(spec.dispatchers()).outgoing(...).build())
 * }</pre>
 */
@FunctionalInterface
public interface ConsumerFactory {
  DeliveryHandler create(ConsumerSpec spec);
}

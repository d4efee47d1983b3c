package io.whizbang.runtime;

import io.whizbang.runtime.consumer.ConsumerFactory;
import io.whizbang.runtime.consumer.ConsumerSpec;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.internal.metrics.ServiceMetrics;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of a started service: a consumer made for each planned subscription and subscribed to the
 * transport, the inbox of each inbox-guarded one, and their closing. Not thread-safe: {@link Whizbang} calls it under
 * its own lock.
 */
final class ServiceSubscriptions {
  // The service's logger: where an operator looks for what the service consumes.
  private static final Logger LOG = LoggerFactory.getLogger(Whizbang.class);

  private final String serviceName;
  private final Map<String, InboxConsumer> inboxes = new LinkedHashMap<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final List<AutoCloseable> closeableHandlers = new ArrayList<>();

  ServiceSubscriptions(String serviceName) {
    this.serviceName = serviceName;
  }

  /**
   * Makes the consumer of each of {@code plans} and subscribes it; an inbox-guarded one starts its cleanup and is
   * measured. What was opened before a failure stays open: the caller closes it.
   */
  void open(List<ServiceWiring.Plan> plans, ConsumerFactory consumers, EnvelopeFactory envelopes, Transport transport,
      int concurrency, ServiceMetrics metrics) {
    for (ServiceWiring.Plan plan : plans) {
      DeliveryHandler handler = consumers.create(
          new ConsumerSpec(plan.subscriberId(), plan.sources(), plan.dispatchers(), envelopes));
      if (handler instanceof AutoCloseable closeable) {
        closeableHandlers.add(closeable);
      }
      if (handler instanceof InboxConsumer inbox) {
        inboxes.put(plan.subscriberId(), inbox);
        // Runs with the service; closing the consumer (at close()) stops it.
        inbox.startCleanup();
        metrics.inbox(inbox);
      }
      Subscription subscription = transport.subscribe(
          new SubscriptionRequest(plan.subscriberId(), plan.sources(), concurrency),
          metrics.consumer(plan.subscriberId(), handler));
      subscriptions.add(subscription);
      metrics.subscribed(plan.subscriberId(), subscription);
      LOG.info("Service '{}' consuming as '{}' from {} on {}", serviceName, plan.subscriberId(),
          plan.sources().stream().map(s -> s.destination().conventionalName() + s.wireNames()).toList(),
          transport.name());
    }
  }

  /** The inbox consumer of {@code subscriberId}, or null. */
  InboxConsumer inbox(String subscriberId) {
    return inboxes.get(subscriberId);
  }

  /** The inbox consumers by subscriber id, as they are now. */
  Map<String, InboxConsumer> inboxes() {
    return new LinkedHashMap<>(inboxes);
  }

  /** Forgets the inboxes (their consumers are closed): a new start lists its own. */
  void forgetInboxes() {
    inboxes.clear();
  }

  /** Closes the subscriptions, then the consumers that can be closed; a failure is logged and the rest closed. */
  void close() {
    for (Subscription s : subscriptions) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing a subscription of service '{}' failed", serviceName, e);
      }
    }
    subscriptions.clear();
    for (AutoCloseable handler : closeableHandlers) {
      try {
        handler.close();
      } catch (Exception e) {
        LOG.warn("Closing a consumer of service '{}' failed", serviceName, e);
      }
    }
    closeableHandlers.clear();
  }
}

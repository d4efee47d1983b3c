package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import io.whizbang.runtime.transport.Destination;
import java.util.Set;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * One entity a subscription reads (a command queue, or its subscription on a domain's topic), the wire names wanted
 * from it, and the SDK client that takes its next available session.
 */
record SessionSource(String entityPath, Destination.Kind kind, Set<String> wireNames,
    ServiceBusSessionReceiverClient sessions) {

  boolean wants(String wireName) {
    return wireName != null && wireNames.contains(wireName);
  }

  /**
   * Fails, naming the entity, when it does not exist: with provisioning off, a subscription on a missing entity must
   * not start and wait for sessions that can never come. The check locks a session of its own (empty, named uniquely,
   * let go at once): that needs only the Listen right the subscription needs anyway, and the broker answers at once
   * either way, where waiting for the next available session would take the operation timeout on an idle entity.
   * Any other failure (the namespace unreachable) is left to the lanes, which keep trying.
   */
  void requireExists(String subscriberId) {
    try {
      sessions.acceptSession("whizbang-check-" + UUID.randomUUID()).close();
    } catch (RuntimeException e) {
      if (PublishRefusals.isMissingEntity(e)) {
        throw new MissingEntityException("Service Bus entity '" + entityPath + "' does not exist, so subscriber '"
            + subscriberId + "' cannot read it: create it (ServiceBusTopology lists what a service needs) or turn"
            + " provisioning on", e);
      }
      LoggerFactory.getLogger(SessionSource.class).warn("subscriber '{}': cannot check that '{}' exists ({}); its"
          + " lanes keep trying", subscriberId, entityPath, e.toString());
    }
  }
}

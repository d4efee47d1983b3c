package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import io.whizbang.runtime.transport.Destination;
import java.util.Set;

/**
 * One entity a subscription reads (a command queue, or its subscription on a domain's topic), the wire names wanted
 * from it, and the SDK client that takes its next available session.
 */
record SessionSource(String entityPath, Destination.Kind kind, Set<String> wireNames,
    ServiceBusSessionReceiverClient sessions) {

  boolean wants(String wireName) {
    return wireName != null && wireNames.contains(wireName);
  }
}

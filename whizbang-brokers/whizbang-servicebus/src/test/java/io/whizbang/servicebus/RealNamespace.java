package io.whizbang.servicebus;

import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.models.QueueProperties;
import com.azure.messaging.servicebus.administration.models.TopicProperties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Service Bus namespace for the suites that also run against one: given by
 * {@code SERVICEBUS_CONNECTION_STRING} (a key with the Manage right, Standard tier or above for topics). Entities are
 * created by the administration client under a prefix unique to each run and deleted by {@link #deleteEntities()}.
 * Without the variable, {@link #require} skips the test, also under CI=true: these are the only integration tests
 * that may skip there, since no namespace can be started locally.
 */
final class RealNamespace {

  static final String CONNECTION_STRING = System.getenv("SERVICEBUS_CONNECTION_STRING");

  private final String prefix;
  private final AdministrationProvisioner provisioner;

  private RealNamespace(String prefix) {
    this.prefix = prefix;
    this.provisioner = AdministrationProvisioner.of(ServiceBusConfig.builder().connectionString(CONNECTION_STRING)
        .namePrefix(prefix).build());
  }

  /** The namespace, with a fresh prefix starting with {@code prefixStart}; skips the test when none is given. */
  static RealNamespace require(String prefixStart) {
    Assumptions.assumeTrue(CONNECTION_STRING != null && !CONNECTION_STRING.isBlank(),
        "no real Service Bus namespace: set SERVICEBUS_CONNECTION_STRING to a connection string with the Manage right"
            + " (Standard tier or above) to run the contract and end-to-end suites against it: see"
            + " docs/servicebus.md, 'Against a real namespace'");
    return new RealNamespace(prefixStart + UUID.randomUUID().toString().substring(0, 8));
  }

  String prefix() {
    return prefix;
  }

  /** A configuration for this namespace and prefix that provisions with the administration client. */
  ServiceBusConfig.Builder config() {
    return ServiceBusConfig.builder().connectionString(CONNECTION_STRING).namePrefix(prefix).provisioner(provisioner);
  }

  /** Deletes every queue and topic (with its subscriptions) under this run's prefix. */
  void deleteEntities() {
    ServiceBusAdministrationClient admin = provisioner.client();
    for (TopicProperties topic : admin.listTopics()) {
      if (topic.getName().startsWith(prefix + ".")) {
        admin.deleteTopic(topic.getName());
      }
    }
    for (QueueProperties queue : admin.listQueues()) {
      if (queue.getName().startsWith(prefix + ".")) {
        admin.deleteQueue(queue.getName());
      }
    }
  }
}

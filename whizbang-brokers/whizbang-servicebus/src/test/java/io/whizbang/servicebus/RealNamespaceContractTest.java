package io.whizbang.servicebus;

import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.models.QueueProperties;
import com.azure.messaging.servicebus.administration.models.TopicProperties;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.contract.TransportContractTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared transport contract against a real Service Bus namespace (Standard tier or above: topics), with entities
 * created by the administration client under a prefix unique to each test and deleted afterwards. Runs when
 * {@code SERVICEBUS_CONNECTION_STRING} is set (a key with the Manage right); skipped otherwise, also under CI=true:
 * the one integration test that may skip there, since no namespace can be started locally.
 */
class RealNamespaceContractTest extends TransportContractTest {

  private static final String CONNECTION_STRING = System.getenv("SERVICEBUS_CONNECTION_STRING");
  private final String prefix = "wbct" + UUID.randomUUID().toString().substring(0, 8);
  private AdministrationProvisioner provisioner;

  @BeforeEach
  void namespaceGiven() {
    Assumptions.assumeTrue(CONNECTION_STRING != null && !CONNECTION_STRING.isBlank(),
        "no real Service Bus namespace: set SERVICEBUS_CONNECTION_STRING to a connection string with the Manage right"
            + " (Standard tier or above) to run the contract suite against it, for example"
            + " SERVICEBUS_CONNECTION_STRING='Endpoint=sb://<ns>.servicebus.windows.net/;SharedAccessKeyName=...;"
            + "SharedAccessKey=...' ./mvnw -pl whizbang-brokers/whizbang-servicebus -am verify"
            + " -Dtest=RealNamespaceContractTest -Dsurefire.failIfNoSpecifiedTests=false");
  }

  @AfterEach
  void deleteEntities() {
    if (provisioner == null) {
      return;
    }
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

  @Override
  protected Transport newTransport() {
    ServiceBusConfig config = ServiceBusConfig.builder().connectionString(CONNECTION_STRING).namePrefix(prefix)
        .sessionIdleTimeout(Duration.ofMillis(500)).build();
    provisioner = AdministrationProvisioner.of(config);
    return ServiceBusTransport.connect(ServiceBusConfig.builder().connectionString(CONNECTION_STRING)
        .namePrefix(prefix).provisioner(provisioner).sessionIdleTimeout(Duration.ofMillis(500)).build());
  }

  /** A namespace is further away than the test server. */
  @Override
  protected Duration deliveryTimeout() {
    return Duration.ofSeconds(60);
  }

  @Override
  protected Duration quietPeriod() {
    return Duration.ofSeconds(2);
  }
}

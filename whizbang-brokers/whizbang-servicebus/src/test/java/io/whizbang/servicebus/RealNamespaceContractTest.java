package io.whizbang.servicebus;

import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.contract.TransportContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared transport contract against a real Service Bus namespace ({@link RealNamespace}: runs when
 * {@code SERVICEBUS_CONNECTION_STRING} is set, skipped otherwise), entities created under a prefix unique to each
 * test and deleted afterwards.
 */
class RealNamespaceContractTest extends TransportContractTest {

  private RealNamespace namespace;

  @AfterEach
  void deleteEntities() {
    if (namespace != null) {
      namespace.deleteEntities();
    }
  }

  @Override
  protected Transport newTransport() {
    if (namespace == null) { // one prefix for every transport of a test (some tests open two)
      namespace = RealNamespace.require("wbct");
    }
    return ServiceBusTransport.connect(namespace.config().sessionIdleTimeout(Duration.ofMillis(500)).build());
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

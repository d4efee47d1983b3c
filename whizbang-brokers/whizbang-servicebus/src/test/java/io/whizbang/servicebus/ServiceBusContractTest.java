package io.whizbang.servicebus;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.contract.TransportContractTest;
import io.whizbang.servicebus.testserver.TestServiceBus;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared transport contract, with the real SDK against the project's Service Bus test server (entities declared
 * up front through its control API). The same suite runs against a real namespace in
 * {@link RealNamespaceContractTest}.
 */
class ServiceBusContractTest extends TransportContractTest {

  private final TestServiceBus server = TestServiceBus.shared();
  private final TestServerProvisioner provisioner = new TestServerProvisioner(server);
  private final String prefix = "ct" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void serverRunning() {
    server.requireRunning();
  }

  @AfterEach
  void deleteEntities() {
    provisioner.deleteDeclared();
  }

  @Override
  protected Transport newTransport() {
    return ServiceBusTransport.connect(ServiceBusConfig.builder().connectionString(server.connectionString())
        .namePrefix(prefix).provisioner(provisioner).sessionIdleTimeout(Duration.ofMillis(200))
        .operationTimeout(Duration.ofSeconds(10)).closeTimeout(Duration.ofSeconds(10)).build());
  }

  /** Over the test server's default limit of 256 KiB (the 17 MiB default would also do, but costs time to encode). */
  @Override
  protected OutgoingMessage unpublishable(Destination destination, String wireName, String key, int seq) {
    OutgoingMessage plain = super.unpublishable(destination, wireName, key, seq);
    return new OutgoingMessage(plain.messageId(), wireName, destination, key, 0, plain.headers(),
        Arrays.copyOf(plain.body(), 300 * 1024));
  }
}

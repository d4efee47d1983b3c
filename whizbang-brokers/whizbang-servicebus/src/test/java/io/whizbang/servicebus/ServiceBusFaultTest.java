package io.whizbang.servicebus;

import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.fault.TransportFaultSuite;
import io.whizbang.servicebus.testserver.TestServiceBus;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fault suite against a test server of this class's own, which keeps its entities and messages on disk across a
 * stop: an outage (the server process stopped with SIGTERM, started again on its data), and poison (messages over the
 * entities' 32 KiB limit, refused by the transport before sending; the operator's fix raises the limit, and a cut of
 * the connections makes the sender attach again and learn it).
 */
class ServiceBusFaultTest extends TransportFaultSuite {

  private static final int SMALL_LIMIT = 32 * 1024;
  private static TestServiceBus server;
  private final String prefix = "fault" + UUID.randomUUID().toString().substring(0, 8);
  private final TestServerProvisioner provisioner = new TestServerProvisioner(server);

  @BeforeAll
  static void startServer() {
    server = TestServiceBus.dedicated(true);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Transport newTransport() {
    // Short operation timeouts, no SDK retries: during the outage a send fails fast and the relay retries it.
    return ServiceBusTransport.connect(ServiceBusConfig.builder().connectionString(server.connectionString())
        .namePrefix(prefix).provisioner(provisioner).sessionIdleTimeout(Duration.ofMillis(100))
        .operationTimeout(Duration.ofSeconds(2)).sendRetries(0).closeTimeout(Duration.ofSeconds(10)).build());
  }

  /** The relay waits for a send a little longer than one operation timeout. */
  @Override
  protected RelayConfig.Builder relayConfig() {
    return super.relayConfig().confirmTimeout(Duration.ofSeconds(5)).leaseDuration(Duration.ofSeconds(10));
  }

  @Override
  protected void stopBroker() {
    server.stop();
  }

  @Override
  protected void startBroker() {
    server.start();
  }

  @Override
  protected void refuseLargeMessages() {
    provisioner.maxMessageSizeBytes(SMALL_LIMIT);
  }

  @Override
  protected void acceptLargeMessages() {
    provisioner.maxMessageSizeBytes(1024 * 1024);
    provisioner.redeclareTopics(); // the operator raises the limit of the existing topic; its messages stay
    server.cutConnections(); // senders attach again and learn the new limit
  }

  @Override
  protected void cleanUpBroker() {
    provisioner.deleteDeclared();
  }
}

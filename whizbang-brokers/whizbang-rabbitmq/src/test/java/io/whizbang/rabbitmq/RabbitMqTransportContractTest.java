package io.whizbang.rabbitmq;

import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.contract.TransportContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The transport contract against the real broker, with the default settings (classic queues, single active
 * consumer). A subscriber's queue goes to one instance at a time, so competing subscriptions do not share load.
 */
class RabbitMqTransportContractTest extends TransportContractTest {

  private RabbitMqTransport created;

  @BeforeEach
  void requireBroker() {
    Broker.require();
  }

  @Override
  protected Transport newTransport() {
    Broker.require();
    created = settings(Broker.config(Broker.uniquePrefix())).connect();
    return created;
  }

  /** The settings under test; subclasses vary them. */
  RabbitMqConfig.Builder settings(RabbitMqConfig.Builder builder) {
    return builder;
  }

  @Override
  protected boolean sharesLoadBetweenCompetingConsumers() {
    return false;
  }

  @AfterEach
  void deleteWhatTheTestDeclared() {
    if (created != null) {
      Broker.delete(created.declaredQueues(), created.declaredExchanges());
    }
  }
}

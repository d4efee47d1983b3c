package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.servicebus.testserver.TestServiceBus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code provisioning(false)} the transport creates nothing: a subscription on an entity that does not exist
 * fails at once naming it, and one on entities an operator created works like any other.
 */
class ProvisioningOffTest {

  private final TestServiceBus server = TestServiceBus.shared();
  private final TestServerProvisioner operator = new TestServerProvisioner(server);
  private final String prefix = "po" + UUID.randomUUID().toString().substring(0, 8);
  private final SubscriptionRequest shipping = new SubscriptionRequest("shipping",
      List.of(new SubscriptionRequest.Source(Destination.events("orders"), Set.of("orders.Placed"))), 2);

  @BeforeEach
  void serverRunning() {
    server.requireRunning();
  }

  @AfterEach
  void deleteEntities() {
    operator.deleteDeclared();
  }

  private ServiceBusConfig config() {
    return ServiceBusConfig.builder().connectionString(server.connectionString()).namePrefix(prefix)
        .provisioning(false).operationTimeout(Duration.ofSeconds(10)).closeTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void subscribingToAMissingSubscriptionFailsNamingIt() {
    try (ServiceBusTransport transport = ServiceBusTransport.connect(config())) {
      assertThatThrownBy(() -> transport.subscribe(shipping, batch -> { }))
          .isInstanceOf(MissingEntityException.class)
          .hasMessage("Service Bus entity '" + prefix + ".orders.events/subscriptions/shipping' does not exist, so"
              + " subscriber 'shipping' cannot read it: create it (ServiceBusTopology lists what a service needs)"
              + " or turn provisioning on");
    }
  }

  @Test
  void subscribingToEntitiesAnOperatorCreatedReceivesWhatIsPublished() throws Exception {
    ServiceBusConfig config = config();
    operator.apply(ServiceBusTopology.forSubscription(config, shipping));
    operator.apply(ServiceBusTopology.forPublishing(config, Destination.events("orders")));
    CompletableFuture<String> received = new CompletableFuture<>();
    try (ServiceBusTransport transport = ServiceBusTransport.connect(config);
        Subscription ignored = transport.subscribe(shipping, batch -> {
          for (Delivery d : batch) {
            received.complete(new String(d.body(), StandardCharsets.UTF_8));
            d.ack();
          }
        })) {
      transport.publish(List.of(new OutgoingMessage(UUID.randomUUID(), "orders.Placed", Destination.events("orders"),
          "order-1", 0, Map.of(), "{\"id\":1}".getBytes(StandardCharsets.UTF_8)))).get(0).get(30, TimeUnit.SECONDS);

      assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo("{\"id\":1}");
    }
  }
}

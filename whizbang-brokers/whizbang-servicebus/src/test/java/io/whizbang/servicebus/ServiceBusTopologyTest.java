package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The entities a service needs, as handed to a provisioner. */
class ServiceBusTopologyTest {

  private final ServiceBusConfig config = ServiceBusConfig.builder()
      .connectionString("Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v")
      .namePrefix("shop").lockDuration(Duration.ofSeconds(45)).maxDeliveryCount(50).build();

  @Test
  void publishingEventsNeedsTheDomainTopicAndCommandsTheDomainQueue() {
    ServiceBusTopology events = ServiceBusTopology.forPublishing(config, Destination.events("orders"));
    ServiceBusTopology commands = ServiceBusTopology.forPublishing(config, Destination.commands("orders"));

    assertThat(events.topics()).containsExactly(new ServiceBusTopology.Topic("shop.orders.events",
        Duration.ofMinutes(10)));
    assertThat(events.queues()).isEmpty();
    assertThat(commands.queues()).containsExactly(new ServiceBusTopology.Queue("shop.orders.commands",
        Duration.ofSeconds(45), 50, Duration.ofMinutes(10)));
  }

  @Test
  void aSubscriptionGetsOneCorrelationRuleOnTheWireNamePropertyPerWireNameOfEachDomain() {
    SubscriptionRequest request = new SubscriptionRequest("billing", List.of(
        new Source(Destination.commands("billing"), Set.of("billing.Charge")),
        new Source(Destination.events("orders"), Set.of("orders.Placed", "orders.Cancelled")),
        new Source(Destination.events("orders"), Set.of("orders.Shipped"))), 4);

    ServiceBusTopology topology = ServiceBusTopology.forSubscription(config, request);

    assertThat(topology.queues()).extracting(ServiceBusTopology.Queue::name).containsExactly("shop.billing.commands");
    assertThat(topology.topics()).extracting(ServiceBusTopology.Topic::name).containsExactly("shop.orders.events");
    assertThat(topology.subscriptions()).singleElement().satisfies(s -> {
      assertThat(s.topic()).isEqualTo("shop.orders.events");
      assertThat(s.name()).isEqualTo("billing");
      assertThat(s.lockDuration()).isEqualTo(Duration.ofSeconds(45));
      assertThat(s.maxDeliveryCount()).isEqualTo(50);
      assertThat(s.rules()).containsExactly(
          new ServiceBusTopology.Rule("orders.Cancelled", "wb-type", "orders.Cancelled"),
          new ServiceBusTopology.Rule("orders.Placed", "wb-type", "orders.Placed"),
          new ServiceBusTopology.Rule("orders.Shipped", "wb-type", "orders.Shipped"));
    });
  }

  @Test
  void withoutDuplicateDetectionEntitiesListNoWindow() {
    ServiceBusConfig off = ServiceBusConfig.builder()
        .connectionString("Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v")
        .withoutDuplicateDetection().build();

    assertThat(ServiceBusTopology.forPublishing(off, Destination.events("orders")).topics().get(0)
        .duplicateDetectionWindow()).isNull();
  }
}

package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.consumer.ConsumerSpec;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.OrderAnalyticsFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The subscriptions a service opens, and the seam that lets another consumer (the inbox) take them over. */
class WhizbangConsumersTest {

  /** A replacement consumer that counts deliveries and must be closed with the service. */
  private static final class CountingConsumer implements DeliveryHandler, AutoCloseable {
    final AtomicInteger delivered = new AtomicInteger();
    volatile boolean closed;

    @Override
    public void handle(List<Delivery> batch) {
      batch.forEach(d -> {
        delivered.incrementAndGet();
        d.ack();
      });
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void theServiceAndEachProjectionSubscribeUnderTheirOwnNamesThroughTheConsumerFactory() {
    InMemoryTransport transport = new InMemoryTransport();
    List<ConsumerSpec> specs = new CopyOnWriteArrayList<>();
    Map<String, CountingConsumer> consumers = new ConcurrentHashMap<>();
    Journal journal = new Journal();
    Whizbang orders = Whizbang.builder().module(new OrdersFixtureModule()).transport(transport)
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(journal)),
            new OrderAnalyticsFixtureDispatcher(journal))))
        .consumers(spec -> {
          specs.add(spec);
          return consumers.computeIfAbsent(spec.subscriberId(), id -> new CountingConsumer());
        })
        .build().start();

    assertThat(specs).extracting(ConsumerSpec::subscriberId).containsExactly("orders", "order-analytics");
    assertThat(specs.get(0).sources())
        .containsExactly(new Source(Destination.commands("orders"), Set.of("orders.PlaceOrder")));
    assertThat(specs.get(0).dispatchers()).extracting(d -> d.handlerName()).containsExactly(OrderHandlers.NAME);
    assertThat(specs.get(1).sources())
        .containsExactly(new Source(Destination.events("orders"), Set.of("orders.OrderPlaced")));

    orders.send(new PlaceOrder("o-1", "c", 0)).join();
    Await.until(() -> consumers.get("orders").delivered.get() == 1, "the replacement consumer got the command");
    assertThat(journal.calls()).as("the standard pipeline is not used").isEmpty();

    orders.close();
    assertThat(consumers.values()).allSatisfy(c -> assertThat(c.closed).isTrue());
    transport.close();
  }

  @Test
  void aServiceWithoutHandlersOpensNoSubscription() {
    List<ConsumerSpec> specs = new CopyOnWriteArrayList<>();
    try (Whizbang client = Whizbang.builder().service("client").module(new OrdersFixtureModule())
        .consumers(spec -> {
          specs.add(spec);
          return batch -> {};
        }).build().start()) {
      assertThat(client.serviceName()).isEqualTo("client");
    }
    assertThat(specs).isEmpty();
  }
}

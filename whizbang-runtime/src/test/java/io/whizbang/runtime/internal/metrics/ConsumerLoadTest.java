package io.whizbang.runtime.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer gauges, measured around the handler a subscription is opened with, on the in-memory transport: the
 * messages held by handlers and the lanes running one, while handlers are held, and back to 0 once they settled.
 */
class ConsumerLoadTest {
  private static final Destination EVENTS = Destination.events("load");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ServiceMetrics metrics = MicrometerServiceMetrics.create(registry, "svc", "in-memory",
      Duration.ZERO);
  private final InMemoryTransport transport = new InMemoryTransport();

  @AfterEach
  void close() {
    transport.close();
    metrics.close();
  }

  @Test
  void heldHandlersShowAsInFlightMessagesAndBusyLanesUntilTheySettle() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    DeliveryHandler held = batch -> {
      await(release);
      batch.forEach(d -> d.ack());
    };
    Subscription s = transport.subscribe(new SubscriptionRequest("svc",
        List.of(new SubscriptionRequest.Source(EVENTS, Set.of("w.Msg"))), 2), metrics.consumer("svc", held));
    metrics.subscribed("svc", s);

    for (int i = 0; i < 8; i++) {
      transport.publish(List.of(message("key-" + i))).get(0).join();
    }
    Await.until(() -> gauge("whizbang.consumer.lanes.busy") == 2, "both lanes in a handler");
    double inFlight = gauge("whizbang.consumer.in.flight");
    assertThat(inFlight).isBetween(2.0, 8.0);

    release.countDown();
    Await.until(() -> gauge("whizbang.consumer.in.flight") == 0, "every message settled");
    // A lane counts as busy until its handler returned, a moment after the handler's last acknowledgement.
    Await.until(() -> gauge("whizbang.consumer.lanes.busy") == 0, "every lane out of its handler");
    double lag = gauge("whizbang.consumer.lag");
    assertThat(Double.isNaN(lag) || lag == 0).as("the broker's backlog, or NaN where it does not tell: %s", lag)
        .isTrue();
  }

  @Test
  void aMessageLeftUnsettledLeavesTheCountWhenTheHandlerReturns() {
    int[] seen = new int[3];
    DeliveryHandler partial = batch -> {
      seen[0] = (int) gauge("whizbang.consumer.in.flight");
      batch.get(0).ack();
      seen[1] = (int) gauge("whizbang.consumer.in.flight");
      seen[2] = (int) gauge("whizbang.consumer.lanes.busy");
      // the second is left unsettled: the transport releases it when this returns
    };
    DeliveryHandler counted = metrics.consumer("svc", partial);
    List<Delivery> two = List.of(new Held("a"), new Held("b"));

    counted.handle(two);

    assertThat(seen).containsExactly(2, 1, 1);
    assertThat(gauge("whizbang.consumer.in.flight")).isZero();
    assertThat(gauge("whizbang.consumer.lanes.busy")).isZero();
  }

  private double gauge(String name) {
    return registry.get(name).tag("subscriber", "svc").gauge().value();
  }

  private static OutgoingMessage message(String key) {
    return new OutgoingMessage(UUID.randomUUID(), "w.Msg", EVENTS, key, 0, Map.of(),
        key.getBytes(StandardCharsets.UTF_8));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A delivery settled by nobody but the test's handler. */
  private record Held(String key) implements Delivery {
    @Override
    public byte[] body() {
      return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String partitionKey() {
      return key;
    }

    @Override
    public int deliveryCount() {
      return 1;
    }

    @Override
    public void ack() {}

    @Override
    public void release(Duration delay) {}
  }
}

package io.whizbang.runtime;

import static io.whizbang.runtime.testfixtures.SpanRecorder.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.outgoing.EnvelopeFactory;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.Journal;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.testfixtures.OrderHandlers;
import io.whizbang.runtime.testfixtures.OrderHandlersFixtureDispatcher;
import io.whizbang.runtime.testfixtures.OrdersFixtureModule;
import io.whizbang.runtime.testfixtures.ShippingFixtureModule;
import io.whizbang.runtime.testfixtures.SpanRecorder;
import io.whizbang.runtime.testfixtures.TraceScenario;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The spans of services given an OpenTelemetry, on the in-memory transport and PostgreSQL (outbox, relay, inbox):
 * their parents and links, a duplicate delivery, a failing handler's retry and dead letter, and a service without
 * storage.
 */
class WhizbangTracingTest {
  /** A W3C trace context an upstream process put on a message. */
  private static final String UPSTREAM_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String UPSTREAM_SPAN = "b7ad6b7169203331";

  private final SpanRecorder spans = new SpanRecorder();
  private final InMemoryTransport transport = new InMemoryTransport();

  @AfterEach
  void close() {
    transport.close();
    spans.close();
  }

  @Test
  void aConversationThroughOutboxesAndRelaysIsOneTraceWithTheRelayHopsLinked() throws Exception {
    try (StorageFixture gateway = StorageFixture.create(TestDb.POSTGRES);
        StorageFixture orders = StorageFixture.create(TestDb.POSTGRES);
        StorageFixture shipping = StorageFixture.create(TestDb.POSTGRES)) {
      TraceScenario.run(spans, () -> transport, "", gateway.storage(), orders.storage(), shipping.storage());
    }
    assertThat(attribute(spans.all(SpanRecorder.created("orders.PlaceOrder")).get(0), "messaging.system"))
        .isEqualTo("whizbang-memory");
  }

  @Test
  void aDuplicateDeliveryIsASpanWithOutcomeDuplicateUnderTheSameProducer() throws Exception {
    try (StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
        Whizbang orders = ordersService(db, new OrderHandlers(new Journal()), 5)) {
      OutgoingMessage place = upstreamCommand(orders, new PlaceOrder("o-dup", "ada", 0));
      // The same message twice, as a relay does after a crash between publish and mark.
      transport.publish(List.of(place)).get(0).get(10, TimeUnit.SECONDS);
      transport.publish(List.of(place)).get(0).get(10, TimeUnit.SECONDS);

      List<SpanData> processed = spans.await(SpanRecorder.processed("orders.PlaceOrder", "orders"), 2, "both deliveries");
      assertThat(processed).extracting(s -> attribute(s, "whizbang.inbox.outcome"))
          .containsExactlyInAnyOrder("applied", "duplicate");
      assertThat(processed).allSatisfy(s -> {
        assertThat(s.getTraceId()).isEqualTo(UPSTREAM_TRACE);
        assertThat(s.getParentSpanId()).isEqualTo(UPSTREAM_SPAN);
        assertThat(attribute(s, "messaging.message.id")).isEqualTo(place.messageId().toString());
        assertThat(s.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
      });
      SpanData applied = processed.stream().filter(s -> "applied".equals(attribute(s, "whizbang.inbox.outcome")))
          .findFirst().orElseThrow();
      // What the handler sent while its span was current are its children; the duplicate ran no handler.
      TraceScenario.assertChild(spans.awaitOne(SpanRecorder.created("orders.OrderPlaced"), "OrderPlaced"), applied);
      TraceScenario.assertChild(spans.awaitOne(SpanRecorder.created("shipping.ShipOrder"), "ShipOrder"), applied);
    }
  }

  @Test
  void aFailingHandlersRunsAreSpansWithAnErrorRetriedThenDeadLettered() throws Exception {
    OrderHandlers handlers = new OrderHandlers(new Journal()).failFirst("o-fail", 10);
    try (StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
        Whizbang orders = ordersService(db, handlers, 2)) {
      OutgoingMessage place = upstreamCommand(orders, new PlaceOrder("o-fail", "ada", 0));
      transport.publish(List.of(place)).get(0).get(10, TimeUnit.SECONDS);

      List<SpanData> runs = spans.await(SpanRecorder.processed("orders.PlaceOrder", "orders"), 2, "two failed runs");
      assertThat(runs).extracting(s -> attribute(s, "whizbang.inbox.outcome"))
          .containsExactly("retried", "dead_lettered");
      assertThat(runs).allSatisfy(s -> {
        assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(s.getStatus().getDescription()).contains("simulated failure placing o-fail");
        assertThat(attribute(s, "error.type")).isEqualTo(IllegalStateException.class.getName());
        assertThat(s.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
        assertThat(s.getParentSpanId()).isEqualTo(UPSTREAM_SPAN);
      });
      assertThat(orders.inbox("orders").orElseThrow().stats().deadLettered()).isEqualTo(1);
    }
  }

  @Test
  void withoutStorageTheConsumerSpanIsTheParentOfWhatItsHandlerSends() throws Exception {
    try (Whizbang orders = Whizbang.builder().service("orders")
            .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
            .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(new Journal())))))
            .transport(transport).openTelemetry(spans.openTelemetry()).build().start();
        Whizbang gateway = Whizbang.builder().service("gateway")
            .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
            .transport(transport).openTelemetry(spans.openTelemetry()).build().start()) {
      gateway.send(new PlaceOrder("o-direct", "ada", 0)).get(10, TimeUnit.SECONDS);

      SpanData created = spans.awaitOne(SpanRecorder.created("orders.PlaceOrder"), "PlaceOrder created");
      SpanData processed = spans.awaitOne(SpanRecorder.processed("orders.PlaceOrder", "orders"), "PlaceOrder handled");
      TraceScenario.assertChild(processed, created);
      assertThat(attribute(processed, "whizbang.inbox.outcome")).isEqualTo("applied");
      TraceScenario.assertChild(spans.awaitOne(SpanRecorder.created("orders.OrderPlaced"), "OrderPlaced"), processed);
    }
  }

  private Whizbang ordersService(StorageFixture db, OrderHandlers handlers, int maxAttempts) {
    return Whizbang.builder().service("orders")
        .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
        .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(handlers))))
        .transport(transport)
        .storage(db.storage(), s -> s.withoutRelay().inbox(inbox -> inbox.retryPolicy(InboxConfig.RetryPolicy
            .builder().maxAttempts(maxAttempts).initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(10))
            .build())))
        .openTelemetry(spans.openTelemetry())
        .build().start();
  }

  /** A command caused by a message that carried an upstream process's trace context. */
  private static OutgoingMessage upstreamCommand(Whizbang service, PlaceOrder command) {
    Envelope upstream = new Envelope(UUID.randomUUID(), "upstream.Request", "upstream", null, UUID.randomUUID(), null,
        Instant.now(), Envelope.NO_POSITION, Map.of("traceparent", "00-" + UPSTREAM_TRACE + "-" + UPSTREAM_SPAN + "-01"),
        new byte[] {'{', '}'});
    return new EnvelopeFactory(service.router(), "upstream", Set.of(), Clock.systemUTC())
        .command(command, upstream).toOutgoingMessage();
  }
}

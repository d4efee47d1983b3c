package io.whizbang.runtime.testfixtures;

import static io.whizbang.runtime.testfixtures.SpanRecorder.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.testfixtures.Messages.PlaceOrder;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One traced conversation through three services with storage, each message through an outbox and a relay: a
 * gateway sends {@code PlaceOrder}; orders handles it, publishing {@code OrderPlaced} and sending {@code ShipOrder};
 * shipping handles both, publishing {@code OrderShipped}. Run on the in-memory transport by the runtime's tests and
 * on each real broker by its module's. It checks the relations, never timings: one trace from the gateway's producer
 * span down, each consumer span the child of its message's producer span (not of the relay's span), each relay span
 * linked to the producer spans of the rows it published.
 *
 * <pre>{@code TraceScenario.run(spans, () -> transport, "-" + run, gatewayDb, ordersDb, shippingDb);}</pre>
 */
public final class TraceScenario {
  private TraceScenario() {}

  /**
   * Runs the conversation and checks its spans.
   *
   * @param transports a transport per service (the same one for the in-memory transport); closed by the caller
   * @param suffix appended to the service names (subscriber ids), so runs on a shared broker do not meet
   */
  public static void run(SpanRecorder spans, Supplier<Transport> transports, String suffix, SqlStorage gatewayDb,
      SqlStorage ordersDb, SqlStorage shippingDb) throws Exception {
    String orders = "orders" + suffix;
    String shipping = "shipping" + suffix;
    List<Whizbang> services = new ArrayList<>();
    try {
      services.add(Whizbang.builder().service(orders).owns("orders")
          .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
          .handlers(HandlerSet.of(List.of(new OrderHandlersFixtureDispatcher(new OrderHandlers(new Journal())))))
          .transport(transports.get()).storage(ordersDb).openTelemetry(spans.openTelemetry()).build().start());
      services.add(Whizbang.builder().service(shipping).owns("shipping")
          .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
          .handlers(HandlerSet.of(List.of(new ShippingHandlersFixtureDispatcher(new ShippingHandlers(new Journal())))))
          .transport(transports.get()).storage(shippingDb).openTelemetry(spans.openTelemetry()).build().start());
      Whizbang gateway = Whizbang.builder().service("gateway" + suffix)
          .module(new OrdersFixtureModule()).module(new ShippingFixtureModule())
          .transport(transports.get()).storage(gatewayDb).openTelemetry(spans.openTelemetry()).build().start();
      services.add(gateway);

      String orderId = "o-" + UUID.randomUUID();
      gateway.send(new PlaceOrder(orderId, "ada", 1)).get(30, TimeUnit.SECONDS);

      SpanData placeCreated = spans.awaitOne(SpanRecorder.created("orders.PlaceOrder"), "PlaceOrder created");
      SpanData placeProcessed = spans.awaitOne(SpanRecorder.processed("orders.PlaceOrder", orders), "PlaceOrder handled");
      SpanData placedCreated = spans.awaitOne(SpanRecorder.created("orders.OrderPlaced"), "OrderPlaced created");
      SpanData shipCreated = spans.awaitOne(SpanRecorder.created("shipping.ShipOrder"), "ShipOrder created");
      SpanData placedProcessed = spans.awaitOne(SpanRecorder.processed("orders.OrderPlaced", shipping),
          "OrderPlaced handled by shipping");
      SpanData shipProcessed = spans.awaitOne(SpanRecorder.processed("shipping.ShipOrder", shipping),
          "ShipOrder handled");
      SpanData shippedCreated = spans.awaitOne(SpanRecorder.created("shipping.OrderShipped"), "OrderShipped created");

      // One trace, producer -> consumer -> producer -> consumer.
      String trace = placeCreated.getTraceId();
      assertThat(List.of(placeProcessed, placedCreated, shipCreated, placedProcessed, shipProcessed, shippedCreated))
          .allSatisfy(s -> assertThat(s.getTraceId()).as(s.getName()).isEqualTo(trace));
      assertThat(placeCreated.getParentSpanContext().isValid()).as("the gateway's send starts the trace").isFalse();
      assertChild(placeProcessed, placeCreated);
      assertChild(placedCreated, placeProcessed);
      assertChild(shipCreated, placeProcessed);
      assertChild(placedProcessed, placedCreated);
      assertChild(shipProcessed, shipCreated);
      assertChild(shippedCreated, shipProcessed);

      // Each message's relay hop is a span of its own, linked to the message's producer span.
      for (SpanData created : List.of(placeCreated, placedCreated, shipCreated, shippedCreated)) {
        SpanData relayed = spans.awaitOne(SpanRecorder.relayedLinking(created),
            "the relay span of " + attribute(created, "whizbang.wire_name"));
        assertThat(relayed.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(relayed.getParentSpanContext().isValid()).as("a relay round has no parent").isFalse();
        assertThat(relayed.getStatus().getStatusCode())
            .isNotEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(relayed.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey(
            "messaging.batch.message_count"))).isPositive();
      }

      // The attributes of the conventions, taken from the messages.
      String system = attribute(placeCreated, "messaging.system");
      assertThat(system).isNotBlank();
      assertThat(attribute(placeCreated, "messaging.destination.name")).isEqualTo("whizbang.orders.commands");
      assertThat(attribute(placeCreated, "messaging.operation.name")).isEqualTo("send");
      assertThat(attribute(placedCreated, "messaging.operation.name")).isEqualTo("publish");
      assertThat(attribute(placedCreated, "messaging.destination.name")).isEqualTo("whizbang.orders.events");
      String correlation = attribute(placeCreated, "messaging.message.id");
      assertThat(List.of(placeProcessed, placedCreated, shipCreated, placedProcessed, shipProcessed, shippedCreated))
          .allSatisfy(s -> assertThat(attribute(s, "messaging.message.conversation_id")).as(s.getName())
              .isEqualTo(correlation));
      assertThat(attribute(placeProcessed, "messaging.message.id")).isEqualTo(correlation);
      assertThat(attribute(placedProcessed, "messaging.message.id"))
          .isEqualTo(attribute(placedCreated, "messaging.message.id"));
      assertThat(List.of(placeProcessed, placedProcessed, shipProcessed)).allSatisfy(s -> {
        assertThat(attribute(s, "whizbang.inbox.outcome")).as(s.getName()).isEqualTo("applied");
        assertThat(attribute(s, "messaging.system")).isEqualTo(system);
      });
      assertThat(attribute(placedProcessed, "messaging.destination.name")).isEqualTo("whizbang.orders.events");
      assertThat(attribute(shipProcessed, "messaging.destination.name")).isEqualTo("whizbang.shipping.commands");
    } finally {
      for (Whizbang s : services) {
        s.close();
      }
    }
  }

  /** {@code child}'s parent is {@code parent}. */
  public static void assertChild(SpanData child, SpanData parent) {
    assertThat(child.getParentSpanId()).as("the parent of %s %s", child.getName(),
        attribute(child, "whizbang.wire_name")).isEqualTo(parent.getSpanId());
    assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
  }
}

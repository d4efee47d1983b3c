package io.whizbang.samples.shop.demo;

import io.whizbang.runtime.Whizbang;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.samples.shop.orders.CancelOrder;
import io.whizbang.samples.shop.orders.OrderLine;
import io.whizbang.samples.shop.orders.PlaceOrder;
import io.whizbang.samples.shop.orders.WhizbangModule_Orders;
import io.whizbang.samples.shop.shipping.WhizbangModule_Shipping;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The API gateway: sends {@code PlaceOrder} and {@code CancelOrder} to the orders service (which owns them) and
 * follows {@code OrderShipped}. A service without storage, wired with the {@code Whizbang} builder alone.
 */
final class Gateway implements AutoCloseable {

  private final Whizbang whizbang;
  private final Transport transport;
  private final ShipmentTracker tracker = new ShipmentTracker();
  private final Random random = new Random(42);
  private long unitsPlaced;
  private long unitsCancelled;

  Gateway(Transport transport, int lanes, DemoTelemetry telemetry) {
    this.transport = transport;
    this.whizbang = telemetry.instrument(Whizbang.builder())
        .service("gateway")
        .module(new WhizbangModule_Orders())     // to send the orders domain's commands
        .module(new WhizbangModule_Shipping())   // to receive OrderShipped
        .module(new WhizbangModule_Gateway())
        .handlers(WhizbangModule_Gateway.handlers(tracker))
        .transport(transport)
        .consumerConcurrency(lanes)
        .build()
        .start();
  }

  ShipmentTracker tracker() {
    return tracker;
  }

  /** An order sent: the units it reserves, and the send's completion (the broker has the command). */
  record Sent(long units, CompletableFuture<Void> done) {}

  /** Places one order with one to three lines. */
  Sent place(UUID orderId, int n) {
    long units = 0;
    List<OrderLine> lines = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      int quantity = 1 + random.nextInt(4);
      lines.add(new OrderLine(Shop.SKUS.get(random.nextInt(Shop.SKUS.size())), quantity,
          BigDecimal.valueOf(250 + random.nextInt(4000), 2)));
      units += quantity;
    }
    tracker.sent(orderId);
    unitsPlaced += units;
    return new Sent(units, whizbang.send(new PlaceOrder(orderId, "customer-" + (n % 50), lines)));
  }

  /** Cancels an order placed before (same partition key, so it is handled after the placement). */
  CompletableFuture<Void> cancel(UUID orderId, long units) {
    unitsCancelled += units;
    return whizbang.send(new CancelOrder(orderId, "changed my mind"));
  }

  long unitsReserved() {
    return unitsPlaced - unitsCancelled;
  }

  long unitsPlaced() {
    return unitsPlaced;
  }

  /**
   * Trouble: a buggy client's PlaceOrder, a well-formed envelope whose payload the generated codec rejects (the
   * order id is not a UUID). The orders service must park it in its dead-letter table with the reason, and go on.
   */
  void sendPoisonPlaceOrder() {
    UUID id = MessageIds.next();
    byte[] payload = "{\"orderId\":\"not-a-uuid\",\"customer\":\"mallory\",\"lines\":[]}"
        .getBytes(StandardCharsets.UTF_8);
    Envelope envelope = new Envelope(id, "orders.PlaceOrder", "orders", "poison", id, null, Instant.now(),
        Envelope.NO_POSITION, Map.of(), payload);
    transport.publish(List.of(new OutgoingMessage(id, "orders.PlaceOrder", Destination.commands("orders"), "poison",
        0, Map.of(), EnvelopeCodec.encode(envelope)))).forEach(CompletableFuture::join);
  }

  @Override
  public void close() {
    whizbang.close();
  }
}

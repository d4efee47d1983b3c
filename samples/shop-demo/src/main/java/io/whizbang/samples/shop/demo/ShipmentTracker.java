package io.whizbang.samples.shop.demo;

import io.whizbang.annotations.Handles;
import io.whizbang.samples.shop.shipping.OrderShipped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's view of the end of each order's journey: when its {@code OrderShipped} arrived, for end-to-end
 * latency. It keeps no database, so a duplicate delivery is counted, not applied.
 */
public final class ShipmentTracker {

  private final Map<UUID, Long> sentNanos = new ConcurrentHashMap<>();
  private final Map<UUID, Long> shippedNanos = new ConcurrentHashMap<>();
  private final AtomicLong deliveries = new AtomicLong();

  void sent(UUID orderId) {
    sentNanos.put(orderId, System.nanoTime());
  }

  @Handles
  void on(OrderShipped event) {
    deliveries.incrementAndGet();
    shippedNanos.putIfAbsent(event.orderId(), System.nanoTime());
  }

  int sentCount() {
    return sentNanos.size();
  }

  int shipped() {
    return shippedNanos.size();
  }

  long deliveries() {
    return deliveries.get();
  }

  /** Sent-to-shipped latencies in milliseconds, sorted, of the orders sent through this gateway. */
  double[] latenciesMillis() {
    return shippedNanos.entrySet().stream()
        .filter(e -> sentNanos.containsKey(e.getKey()))
        .mapToDouble(e -> (e.getValue() - sentNanos.get(e.getKey())) / 1e6)
        .sorted()
        .toArray();
  }

  long lastShippedNanos() {
    return shippedNanos.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
  }
}

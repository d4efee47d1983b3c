package io.whizbang.samples.spring.orders.listener;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.samples.shop.orders.OrderPlaced;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps every OrderPlaced it hears, by order id. */
public final class OrderListener {

  private final Map<UUID, OrderPlaced> placed = new ConcurrentHashMap<>();

  @Handles
  void on(OrderPlaced event, HandlerContext context) {
    placed.put(event.orderId(), event);
  }

  public OrderPlaced placed(UUID orderId) {
    return placed.get(orderId);
  }
}

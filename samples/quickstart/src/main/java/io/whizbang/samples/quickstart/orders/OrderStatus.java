package io.whizbang.samples.quickstart.orders;

/** Where an order is in its life. */
public enum OrderStatus {
  PLACED,
  SHIPPED,
  CANCELLED
}

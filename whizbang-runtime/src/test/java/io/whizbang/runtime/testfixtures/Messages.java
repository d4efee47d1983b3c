package io.whizbang.runtime.testfixtures;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;

/** The fixture message types: two domains, a command and an event each. */
public final class Messages {
  private Messages() {}

  /** Owned by "orders"; key: orderId. */
  public record PlaceOrder(String orderId, String customer, int seq) implements Command {}

  /** Owned by "orders"; key: orderId. */
  public record OrderPlaced(String orderId, String customer, int seq) implements Event {}

  /** Owned by "shipping"; key: orderId. */
  public record ShipOrder(String orderId) implements Command {}

  /** Owned by "shipping"; key: orderId. */
  public record OrderShipped(String orderId, String carrier) implements Event {}

  /** A message type no fixture module registers. */
  public record Unregistered(String x) implements Command {}
}

package io.whizbang.sqs;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Acknowledges and keeps every delivery's body and delivery count; thread-safe. */
final class Collected implements DeliveryHandler {

  record Seen(String body, String partitionKey, int deliveryCount) {}

  private final List<Seen> seen = new ArrayList<>();

  @Override
  public void handle(List<Delivery> batch) {
    for (Delivery d : batch) {
      synchronized (seen) {
        seen.add(new Seen(new String(d.body(), StandardCharsets.UTF_8), d.partitionKey(), d.deliveryCount()));
      }
      d.ack();
    }
  }

  List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  List<String> bodies() {
    return seen().stream().map(Seen::body).toList();
  }

  int count() {
    synchronized (seen) {
      return seen.size();
    }
  }

  /** Waits up to {@code timeout} for the condition; returns whether it held. */
  static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}

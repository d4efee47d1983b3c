package io.whizbang.rabbitmq;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A handler that records bodies (as text) and acknowledges, with waits bounded for tests. */
class Recorder implements DeliveryHandler {

  private final List<String> bodies = new ArrayList<>();
  private final List<Delivery> deliveries = new ArrayList<>();

  @Override
  public void handle(List<Delivery> batch) {
    for (Delivery delivery : batch) {
      if (accept(delivery)) {
        synchronized (this) {
          bodies.add(new String(delivery.body(), StandardCharsets.UTF_8));
          deliveries.add(delivery);
        }
        delivery.ack();
      }
    }
  }

  /** Override to settle a delivery differently; return false when it was not acknowledged and must not count. */
  boolean accept(Delivery delivery) {
    return true;
  }

  synchronized List<String> bodies() {
    return List.copyOf(bodies);
  }

  synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  synchronized int size() {
    return bodies.size();
  }

  static byte[] text(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** Waits until the condition holds or the timeout passes; returns whether it holds. */
  static boolean await(Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Lets a little time pass to show that nothing more arrives. */
  static void quiet(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

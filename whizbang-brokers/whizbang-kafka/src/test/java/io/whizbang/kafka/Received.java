package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.fail;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Records what a handler received (body text in arrival order) and acknowledges it unless told otherwise. */
final class Received implements DeliveryHandler {

  private final List<String> bodies = new ArrayList<>();
  private final List<Integer> counts = new ArrayList<>();

  @Override
  public void handle(List<Delivery> batch) {
    for (Delivery delivery : batch) {
      synchronized (this) {
        bodies.add(Messages.text(delivery.body()));
        counts.add(delivery.deliveryCount());
        notifyAll();
      }
      delivery.ack();
    }
  }

  synchronized List<String> bodies() {
    return List.copyOf(bodies);
  }

  synchronized int size() {
    return bodies.size();
  }

  synchronized List<Integer> deliveryCounts() {
    return List.copyOf(counts);
  }

  /** Bodies per key ("k3/7" → key "k3"), each list in arrival order. */
  synchronized Map<String, List<String>> byKey() {
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (String body : bodies) {
      result.computeIfAbsent(body.substring(0, body.indexOf('/')), k -> new ArrayList<>()).add(body);
    }
    return result;
  }

  void awaitSize(int expected) {
    await(() -> size() >= expected, "at least " + expected + " messages");
  }

  static void await(BooleanSupplier condition, String what) {
    await(Duration.ofSeconds(60), condition, () -> what);
  }

  /** Polls {@code condition} until it holds; {@code what} is asked for only when the wait times out. */
  static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }
}

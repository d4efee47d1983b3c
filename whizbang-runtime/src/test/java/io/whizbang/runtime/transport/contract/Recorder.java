package io.whizbang.runtime.transport.contract;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records what one subscription received, in arrival order, and acknowledges every delivery. Thread-safe: a
 * transport calls it from several lanes.
 */
final class Recorder implements DeliveryHandler {

  /** One received delivery as the test sees it. */
  record Received(String body, String partitionKey, int deliveryCount, String thread, long atNanos) {}

  private final List<Received> received = new ArrayList<>();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  @Override
  public void handle(List<Delivery> batch) {
    threads.add(Thread.currentThread().getName());
    for (Delivery delivery : batch) {
      record(delivery);
      delivery.ack();
    }
  }

  void record(Delivery delivery) {
    Received r = new Received(new String(delivery.body(), StandardCharsets.UTF_8), delivery.partitionKey(),
        delivery.deliveryCount(), Thread.currentThread().getName(), System.nanoTime());
    synchronized (received) {
      received.add(r);
    }
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  List<String> bodies() {
    return received().stream().map(Received::body).toList();
  }

  int count() {
    synchronized (received) {
      return received.size();
    }
  }

  /** How many distinct bodies of {@code expected} arrived at least once. */
  long distinctOf(Collection<String> expected) {
    Set<String> wanted = Set.copyOf(expected);
    return received().stream().map(Received::body).filter(wanted::contains).distinct().count();
  }

  /** Body to number of times it arrived. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new HashMap<>();
    for (Received r : received()) {
      counts.merge(r.body(), 1, Integer::sum);
    }
    return counts;
  }

  Set<String> threads() {
    return Set.copyOf(threads);
  }
}

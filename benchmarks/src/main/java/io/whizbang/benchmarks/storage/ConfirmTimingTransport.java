package io.whizbang.benchmarks.storage;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A transport that notes when the broker under it confirmed each message ({@link System#nanoTime()}). */
final class ConfirmTimingTransport implements Transport {
  private final Transport broker;
  final Map<UUID, Long> confirmedAt = new ConcurrentHashMap<>();

  ConfirmTimingTransport(Transport broker) {
    this.broker = broker;
  }

  @Override
  public String name() {
    return broker.name();
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    List<CompletableFuture<Void>> futures = broker.publish(batch);
    for (int i = 0; i < batch.size(); i++) {
      UUID id = batch.get(i).messageId();
      futures.get(i).thenRun(() -> confirmedAt.putIfAbsent(id, System.nanoTime()));
    }
    return futures;
  }

  @Override
  public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
    return broker.subscribe(request, handler);
  }

  @Override
  public void close() {
    broker.close();
  }
}

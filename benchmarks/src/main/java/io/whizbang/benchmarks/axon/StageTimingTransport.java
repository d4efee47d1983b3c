package io.whizbang.benchmarks.axon;

import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Notes, per message id, when the relay handed a message to the transport, when the transport confirmed it, and
 * when the transport handed it to the subscriber ({@link System#nanoTime()}), around a transport it passes every
 * call to.
 */
final class StageTimingTransport implements Transport {
  final Map<UUID, Long> published = new ConcurrentHashMap<>();
  final Map<UUID, Long> confirmed = new ConcurrentHashMap<>();
  final Map<UUID, Long> delivered = new ConcurrentHashMap<>();
  /** Handler calls and the deliveries they carried: the batch size the projection gets. */
  final LongAdder calls = new LongAdder();
  final LongAdder deliveries = new LongAdder();
  private final Transport inner;

  StageTimingTransport(Transport inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    long now = System.nanoTime();
    for (OutgoingMessage m : batch) {
      published.putIfAbsent(m.messageId(), now);
    }
    List<CompletableFuture<Void>> futures = inner.publish(batch);
    for (int i = 0; i < batch.size(); i++) {
      UUID id = batch.get(i).messageId();
      futures.get(i).whenComplete((ok, error) -> confirmed.putIfAbsent(id, System.nanoTime()));
    }
    return futures;
  }

  @Override
  public Subscription subscribe(SubscriptionRequest request, io.whizbang.runtime.transport.DeliveryHandler handler) {
    return inner.subscribe(request, batch -> {
      long now = System.nanoTime();
      calls.increment();
      deliveries.add(batch.size());
      for (Delivery d : batch) {
        delivered.putIfAbsent(d.envelope().messageId(), now);
      }
      handler.handle(batch);
    });
  }

  @Override
  public void close() {
    inner.close();
  }
}

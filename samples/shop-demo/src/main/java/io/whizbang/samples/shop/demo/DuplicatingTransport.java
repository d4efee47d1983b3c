package io.whizbang.samples.shop.demo;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trouble: publishes every {@code every}-th message twice (same id, same bytes), as a broker or a producer retry does
 * under at-least-once delivery. The consumers' inboxes must apply each copy once.
 */
final class DuplicatingTransport implements Transport {

  private final Transport delegate;
  private final int every;
  private final AtomicLong seen = new AtomicLong();
  private final AtomicLong duplicated = new AtomicLong();
  private volatile boolean enabled = true;

  DuplicatingTransport(Transport delegate, int every) {
    this.delegate = delegate;
    this.every = every;
  }

  long duplicated() {
    return duplicated.get();
  }

  void disable() {
    enabled = false;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    List<CompletableFuture<Void>> results = delegate.publish(batch);
    if (!enabled) {
      return results;
    }
    List<OutgoingMessage> again = new ArrayList<>();
    for (OutgoingMessage m : batch) {
      if (seen.incrementAndGet() % every == 0) {
        again.add(m);
      }
    }
    if (!again.isEmpty()) {
      duplicated.addAndGet(again.size());
      delegate.publish(again); // fire and forget: the copy is the trouble, not the message
    }
    return results;
  }

  @Override
  public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
    return delegate.subscribe(request, handler);
  }

  @Override
  public io.whizbang.runtime.transport.TransportLimits limits() {
    return delegate.limits();
  }

  @Override
  public void close() {
    delegate.close();
  }
}

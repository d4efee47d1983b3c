package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A broker that can be taken away: while {@link #down}, every publish fails as unavailable; while {@link #refusing},
 * every message is refused for good (poison, {@link PermanentPublishException}). Subscriptions go to the transport it
 * wraps, which it leaves open at close.
 */
public final class SwitchableTransport implements Transport {
  private final Transport delegate;
  public volatile boolean down;
  public volatile boolean refusing;

  public SwitchableTransport(Transport delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return "switchable " + delegate.name();
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    if (down) {
      return batch.stream().map(m -> CompletableFuture.<Void>failedFuture(
          new java.io.IOException("the broker is down"))).toList();
    }
    if (refusing) {
      return batch.stream().map(m -> CompletableFuture.<Void>failedFuture(
          new PermanentPublishException("the broker refuses this message"))).toList();
    }
    return delegate.publish(batch);
  }

  @Override
  public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
    return delegate.subscribe(request, handler);
  }

  @Override
  public void close() {}
}

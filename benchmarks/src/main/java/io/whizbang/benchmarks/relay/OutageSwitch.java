package io.whizbang.benchmarks.relay;

import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transport in front of another that can be switched off: while off, every publish fails as a broker that is
 * down does (unavailable, not poison), so the relay holds its rows; switched on, it passes everything through.
 */
final class OutageSwitch implements Transport {
  private final Transport broker;
  private volatile boolean down;

  OutageSwitch(Transport broker) {
    this.broker = broker;
  }

  void down(boolean value) {
    down = value;
  }

  @Override
  public String name() {
    return broker.name();
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    if (!down) {
      return broker.publish(batch);
    }
    List<CompletableFuture<Void>> refused = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      refused.add(CompletableFuture.failedFuture(new WhizbangException("connection refused: the broker is down")));
    }
    return refused;
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

package io.whizbang.benchmarks.scaling;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A transport in front of another that records, per partition key, the order in which messages were handed to the
 * broker, so that a harness can check that several relays sharing one outbox kept each key's order.
 */
final class PublishOrder implements Transport {
  private final Transport broker;
  private final Map<String, List<UUID>> sentPerKey = new HashMap<>();

  PublishOrder(Transport broker) {
    this.broker = broker;
  }

  @Override
  public String name() {
    return broker.name();
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    synchronized (sentPerKey) {
      for (OutgoingMessage m : batch) {
        sentPerKey.computeIfAbsent(m.partitionKey(), k -> new ArrayList<>()).add(m.messageId());
      }
    }
    return broker.publish(batch);
  }

  /**
   * Keys whose messages did not reach the broker in {@code expected} order (a redelivered copy counts where it was
   * first sent), with the number of copies sent more than once.
   */
  Check check(Map<String, List<UUID>> expected) {
    synchronized (sentPerKey) {
      int keysOutOfOrder = 0;
      long copies = 0;
      for (Map.Entry<String, List<UUID>> e : expected.entrySet()) {
        List<UUID> sent = sentPerKey.getOrDefault(e.getKey(), List.of());
        Set<UUID> firsts = new LinkedHashSet<>(sent);
        copies += sent.size() - firsts.size();
        if (!new ArrayList<>(firsts).equals(e.getValue())) {
          keysOutOfOrder++;
        }
      }
      return new Check(expected.size(), keysOutOfOrder, copies);
    }
  }

  record Check(int keys, int keysOutOfOrder, long copies) {}

  @Override
  public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
    return broker.subscribe(request, handler);
  }

  @Override
  public void close() {
    broker.close();
  }
}

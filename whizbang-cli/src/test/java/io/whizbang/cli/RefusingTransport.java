package io.whizbang.cli;

import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker that refuses for good every message of one key while told to (as a broker refuses a message it will never
 * take), and logs the ones it accepts in the order it accepted them.
 */
final class RefusingTransport implements Transport {
  final List<String> accepted = new CopyOnWriteArrayList<>();
  volatile String refusedKey;

  @Override
  public String name() {
    return "refusing";
  }

  @Override
  public List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    List<CompletableFuture<Void>> results = new ArrayList<>(batch.size());
    for (OutgoingMessage m : batch) {
      if (m.partitionKey() != null && m.partitionKey().equals(refusedKey)) {
        results.add(CompletableFuture.failedFuture(new PermanentPublishException("the broker refuses key "
            + m.partitionKey())));
      } else {
        accepted.add(Messages.label(m.body()));
        results.add(CompletableFuture.completedFuture(null));
      }
    }
    return results;
  }

  @Override
  public Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler) {
    throw new UnsupportedOperationException("publishes only");
  }

  @Override
  public void close() {}
}

package io.whizbang.runtime.outgoing;

import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes straight to the transport; complete once the broker confirmed every message. Without an outbox, a
 * crash between a business change and this publish can lose the message: use the transactional outbox where that
 * matters.
 *
 * <pre>{@code MessagePublisher publisher = new DirectPublisher(transport);}</pre>
 */
public final class DirectPublisher implements MessagePublisher {

  private final Transport transport;

  public DirectPublisher(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  @Override
  public CompletableFuture<Void> publish(List<OutgoingEnvelope> messages) {
    if (messages.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<OutgoingMessage> batch = new ArrayList<>(messages.size());
    for (OutgoingEnvelope m : messages) {
      batch.add(m.toOutgoingMessage());
    }
    List<CompletableFuture<Void>> confirmations;
    try {
      confirmations = transport.publish(batch);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
  }
}

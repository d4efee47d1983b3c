package io.whizbang.runtime.outgoing;

import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.TransportLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes straight to the transport; complete once the broker confirmed every message. Without an outbox, a
 * crash between a business change and this publish can lose the message: use the transactional outbox where that
 * matters. A message over the transport's {@link Transport#limits()} fails the call before anything is sent.
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
    List<CompletableFuture<Void>> confirmations;
    try {
      TransportLimits limits = transport.limits();
      for (OutgoingEnvelope m : messages) {
        OutgoingMessage message = m.toOutgoingMessage();
        // The messages were produced together: one over the limits stops them all, before any is sent.
        limits.check(message, "It was not sent, nor any message produced with it");
        batch.add(message);
      }
      confirmations = transport.publish(batch);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
  }
}

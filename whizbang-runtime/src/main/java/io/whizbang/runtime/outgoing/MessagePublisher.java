package io.whizbang.runtime.outgoing;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where outgoing messages go: the seam between producing messages ({@code Whizbang.send}, handlers) and the
 * broker. The default, {@link DirectPublisher}, publishes straight to the transport; a transactional outbox
 * replaces it by writing the messages in the caller's database transaction and relaying them later.
 *
 * <pre>{@code
 * Whizbang.builder().publisher(new MyOutboxPublisher(dataSource))...
 * }</pre>
 */
@FunctionalInterface
public interface MessagePublisher {

  /**
   * Takes responsibility for {@code messages}, produced together (by one call or one handler invocation), in
   * order. The future completes once they are safe: confirmed by the broker, or durably stored for a relay.
   */
  CompletableFuture<Void> publish(List<OutgoingEnvelope> messages);
}

package io.whizbang.runtime.transport;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A message broker, seen through the two things the runtime needs: publish with confirmation, and subscribe with
 * explicit acknowledgement. One implementation per broker (in-memory, Kafka, RabbitMQ, SQS/SNS, ...), and every
 * implementation passes the same contract test suite.
 */
public interface Transport extends AutoCloseable {

  /** A short name for logs and reports ({@code "kafka"}, {@code "in-memory"}). */
  String name();

  /**
   * Hands a batch to the broker. The returned list holds one future per message, in order; a future completes
   * normally only once the broker has durably accepted that message, and exceptionally when it refused it or the
   * confirmation timed out (the outbox then retries it). Messages of one partition key within a batch are
   * published in list order.
   */
  List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch);

  /** Starts consuming; see {@link DeliveryHandler} for the threading and ordering contract. */
  Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler);

  /**
   * Stops every subscription and releases broker connections. Idempotent; afterwards {@code publish} and
   * {@code subscribe} throw {@link IllegalStateException} saying the transport is closed (or {@code publish}
   * returns futures failed that way).
   */
  @Override
  void close();
}

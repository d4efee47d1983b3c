package io.whizbang.runtime.transport;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A message broker, seen through the two things the runtime needs: publish with confirmation, and subscribe with
 * explicit acknowledgement. One implementation per broker (in-memory, Kafka, RabbitMQ, SQS/SNS, ...), and every
 * implementation passes the same contract test suite.
 *
 * <h2>Ordering contract</h2>
 *
 * The unit of order is a partition key on one destination ("a key" below). Every transport keeps these clauses; the
 * contract suite ({@code TransportContractTest}) tests each of them:
 *
 * <ol>
 *   <li><b>Publish order.</b> Messages of a key reach the broker in the order of the {@link #publish} calls that
 *       carried them whenever those calls happen-before each other (for example, issued one after the other by one
 *       thread), whether or not the caller waited for the first call's futures; within one call, in list order.
 *   <li><b>A failure stops its key for the rest of the call.</b> When a message of a key fails within a call
 *       (refused, too large, not sendable), every later message of that key in the same call fails too and is not
 *       sent. Other keys may still be sent, or may fail with it.
 *   <li><b>Release holds the key.</b> {@link Delivery#release} gives the message back for a later redelivery, and
 *       the transport delivers no later message of the same key (to this or any other subscription of the
 *       subscriber id) before that message was delivered again and settled; messages of the key already handed to
 *       the handler in the same batch are the handler's to release (the inbox does). Where the broker allows, this
 *       holds across a consumer hand-over and a restart; each transport's page says what it guarantees.
 *   <li><b>Delivery order.</b> Messages of a key are delivered on one lane, in publish order (see
 *       {@link DeliveryHandler}).
 * </ol>
 */
public interface Transport extends AutoCloseable {

  /** A short name for logs and reports ({@code "kafka"}, {@code "in-memory"}). */
  String name();

  /**
   * Hands a batch to the broker. The returned list holds one future per message, in order; a future completes
   * normally only once the broker has durably accepted that message, and exceptionally when it refused it or the
   * confirmation timed out. A failure with a {@link PermanentPublishException} (or caused by one) says the broker
   * refused that message for good: the outbox parks it; any other failure is unavailability: the outbox keeps the
   * message and retries it. Messages of one key reach the broker in list order, after
   * those of earlier calls that happen-before this one; once a message of a key fails, the later messages of that
   * key in this call fail too and are not sent (see the ordering contract above).
   */
  List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch);

  /** Starts consuming; see {@link DeliveryHandler} for the threading and ordering contract. */
  Subscription subscribe(SubscriptionRequest request, DeliveryHandler handler);

  /**
   * The largest message this transport can carry: the runtime refuses a message over these limits where it is
   * produced, before it is written to the outbox or published ({@link TransportLimitException}). A transport whose
   * broker limits headers or message size overrides this; the default, for wrappers and test doubles, declares no
   * limit. A service reads it when it is built (its outbox keeps what it read) and the direct publisher on every call:
   * keep it cheap. Check again at publish: a message stored without the check, or under other limits, may arrive.
   */
  default TransportLimits limits() {
    return TransportLimits.NONE;
  }

  /**
   * What this transport did since it started and whether it is open (one snapshot type for every broker; the
   * broker-specific counters are in {@link TransportStats#details()}). Every Whizbang transport overrides this; the
   * default, for wrappers and test doubles, counts nothing.
   */
  default TransportStats stats() {
    return new TransportStats(name(), true, 0, 0, 0, 0, 0, 0, java.util.Map.of());
  }

  /**
   * Stops every subscription and releases broker connections. Idempotent; afterwards {@code publish} and
   * {@code subscribe} throw {@link IllegalStateException} saying the transport is closed (or {@code publish}
   * returns futures failed that way).
   */
  @Override
  void close();
}

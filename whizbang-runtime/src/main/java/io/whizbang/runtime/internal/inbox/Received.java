package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.internal.tracing.MessageTrace;
import io.whizbang.runtime.transport.Delivery;
import java.util.List;
import java.util.UUID;

/**
 * A delivery after the checks that need no database: decoded (or why not), size-checked, matched to its
 * dispatchers. {@code inboxKey} is the message id, or for bytes that are not an envelope an id derived from the
 * bytes, so a redelivered poison message is parked only once.
 */
final class Received {
  final Delivery delivery;
  final Envelope envelope;
  final UUID inboxKey;
  final List<MessageDispatcher> dispatchers;
  final String poisonReason;
  final Throwable poisonCause;
  /** How long ago the broker took it, when that is longer than the inbox retention; else null. */
  java.time.Duration staleAge;
  /** When it expired, if it arrived after its time to live; else null. */
  java.time.Instant expiredAt;
  /** Its span, started when it is first handled (a batch, then alone if the batch failed); none until then. */
  MessageTrace trace = MessageTrace.NONE;

  private Received(Delivery delivery, Envelope envelope, UUID inboxKey, List<MessageDispatcher> dispatchers,
      String poisonReason, Throwable poisonCause) {
    this.delivery = delivery;
    this.envelope = envelope;
    this.inboxKey = inboxKey;
    this.dispatchers = dispatchers;
    this.poisonReason = poisonReason;
    this.poisonCause = poisonCause;
  }

  static Received handled(Delivery delivery, Envelope envelope, List<MessageDispatcher> dispatchers) {
    return new Received(delivery, envelope, envelope.messageId(), dispatchers, null, null);
  }

  static Received poison(Delivery delivery, Envelope envelope, String reason, Throwable cause) {
    UUID key = envelope != null ? envelope.messageId() : UUID.nameUUIDFromBytes(delivery.body());
    return new Received(delivery, envelope, key, null, reason, cause);
  }

  /** Decoded, and some handler handles it: may join a batch transaction. */
  boolean isDispatchable() {
    return poisonReason == null && dispatchers != null;
  }

  String wireName() {
    return envelope == null ? null : envelope.wireName();
  }

  String partitionKey() {
    return delivery.partitionKey();
  }

  @Override
  public String toString() {
    return envelope != null ? envelope.toString() : "undecodable message " + inboxKey
        + (partitionKey() == null ? "" : " key=" + partitionKey());
  }
}

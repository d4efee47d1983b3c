package io.whizbang.runtime.transport;

import java.time.Duration;

/**
 * One received message, to be settled exactly once: {@link #ack()} after the handler's transaction committed, or
 * {@link #release(Duration)} to have the broker deliver it again later (after a crash nothing is settled and the
 * broker redelivers on its own).
 */
public interface Delivery {

  /**
   * The envelope bytes: as published, or, for a message received in another wire format ({@link io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat}), the
   * envelope read from it, encoded ({@code EnvelopeCodec} decodes them).
   */
  byte[] body();

  /**
   * The envelope this delivery carries. By default {@link #body()} decoded; a transport that received a CloudEvent
   * returns the envelope it read from it.
   *
   * @throws io.whizbang.runtime.envelope.MalformedEnvelopeException when the message is not an envelope, or is a
   *     malformed CloudEvent (the message says which attribute is at fault)
   */
  default io.whizbang.runtime.envelope.Envelope envelope() {
    return io.whizbang.runtime.envelope.EnvelopeCodec.decode(body());
  }

  /** The partition key the message was published with, or {@code null}. */
  String partitionKey();

  /**
   * 1 on first delivery; higher when the broker knows it redelivered (not every broker counts, and a message
   * released unhandled counts too). Informational: it is never an attempt (an attempt is a handler run, which the
   * inbox counts itself).
   */
  int deliveryCount();

  /**
   * When the broker took the message (its own timestamp, such as Kafka's record timestamp), or {@code null} when
   * the broker does not say. The inbox uses it to notice a replay or redelivery older than its retention.
   */
  default java.time.Instant publishedAt() {
    return null;
  }

  /**
   * Confirms the message was handled; the broker will not deliver it to this subscriber again. A delivery is settled
   * exactly once: a second {@code ack} or {@code release} throws {@link IllegalStateException}, except after the
   * transport itself gave the message back (its subscription closed under a handler that did not return in time),
   * when a late settlement is ignored.
   */
  void ack();

  /**
   * Gives the message back for a later redelivery, after about {@code delay} where the broker can delay (Kafka
   * seeks back and holds the partition instead). No later message of the same key is delivered before this one was
   * delivered again and settled, to this subscription or to another one of the subscriber id that takes over
   * (where the broker allows; see the ordering contract on {@link Transport}). Later messages of the key that are
   * in the same batch were already handed over: release them too.
   *
   * @param delay {@link Duration#ZERO} for at once; {@code null} throws {@link NullPointerException} and a negative
   *     delay {@link IllegalArgumentException}, in every transport, leaving the delivery unsettled
   */
  void release(Duration delay);
}

package io.whizbang.runtime.transport;

import java.time.Duration;

/**
 * One received message, to be settled exactly once: {@link #ack()} after the handler's transaction committed, or
 * {@link #release(Duration)} to have the broker deliver it again later (after a crash nothing is settled and the
 * broker redelivers on its own).
 */
public interface Delivery {

  /** The envelope bytes as published ({@code EnvelopeCodec} decodes them). */
  byte[] body();

  /** The partition key the message was published with, or {@code null}. */
  String partitionKey();

  /** 1 on first delivery; higher when the broker knows it redelivered (not every broker counts). */
  int deliveryCount();

  /** Confirms the message was handled; the broker will not deliver it to this subscriber again. */
  void ack();

  /**
   * Gives the message back for a later redelivery. Transports that cannot delay (Kafka) redeliver by seeking back,
   * which holds back later messages of the same partition.
   */
  void release(Duration delay);
}

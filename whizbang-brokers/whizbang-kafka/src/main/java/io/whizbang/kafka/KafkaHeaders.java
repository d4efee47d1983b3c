package io.whizbang.kafka;

/**
 * Names of the Kafka record headers the transport writes beside the envelope bytes, so that consumers can filter and
 * tools can inspect messages without decoding the body. The headers of the outgoing message (correlation and
 * causation ids, W3C {@code traceparent}) are copied under their own names; the body stays the source of truth.
 */
public final class KafkaHeaders {

  /** The message's stable wire type name, for example {@code orders.OrderPlaced}. */
  public static final String WIRE_NAME = "whizbang-wire-name";

  /** The message id (a UUID), the inbox's deduplication key. */
  public static final String MESSAGE_ID = "whizbang-message-id";

  private KafkaHeaders() {}
}

package io.whizbang.rabbitmq;

/** The kind of RabbitMQ queue the transport declares for subscribers, commands and dead letters. */
public enum QueueType {
  /**
   * Classic queues: single-node, fastest, and the only type on which {@code x-max-priority} gives full 0..9 message
   * priorities.
   */
  CLASSIC,
  /**
   * Quorum queues: replicated (Raft), the choice for data safety. They count redeliveries ({@code x-delivery-count})
   * and can dead-letter a message after a delivery limit. RabbitMQ before 3.13 ignores message priorities on them.
   */
  QUORUM;

  String argument() {
    return this == CLASSIC ? "classic" : "quorum";
  }
}

package io.whizbang.kafka;

import io.whizbang.runtime.core.WhizbangException;

/**
 * A topic the transport needs does not exist and topic provisioning is off. Create the topic, or let the transport
 * create it with {@code KafkaConfig.builder().provisioning(true)}.
 */
public final class MissingTopicException extends WhizbangException {
  private final String topic;

  MissingTopicException(String topic, String what) {
    super("Kafka topic '" + topic + "' does not exist: " + what);
    this.topic = topic;
  }

  /** The name of the missing topic. */
  public String topic() {
    return topic;
  }
}

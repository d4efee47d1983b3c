package io.whizbang.kafka;

import io.whizbang.runtime.core.WhizbangException;

/** The Kafka transport was configured in a way that cannot work; the message names the setting and the fix. */
public final class KafkaConfigException extends WhizbangException {
  public KafkaConfigException(String message) {
    super(message);
  }

  public KafkaConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.whizbang.rabbitmq;

import io.whizbang.runtime.core.WhizbangException;

/**
 * Why a publish future failed: the broker refused the message (nack), could not route it (returned), did not confirm
 * it in time, or the connection dropped before it confirmed. The message may or may not have reached the broker;
 * publishing it again is safe because consumers deduplicate by message id.
 */
public final class RabbitMqPublishException extends WhizbangException {
  public RabbitMqPublishException(String message) {
    super(message);
  }

  public RabbitMqPublishException(String message, Throwable cause) {
    super(message, cause);
  }
}

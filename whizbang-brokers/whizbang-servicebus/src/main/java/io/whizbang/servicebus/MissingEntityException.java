package io.whizbang.servicebus;

import io.whizbang.runtime.core.WhizbangException;

/**
 * A queue, topic or subscription the transport needs does not exist and the transport may not create it
 * ({@code provisioning(false)}). Not a refusal for good: a publish failing with it is retried by the relay until an
 * operator creates the entity.
 */
public final class MissingEntityException extends WhizbangException {
  public MissingEntityException(String message, Throwable cause) {
    super(message, cause);
  }
}

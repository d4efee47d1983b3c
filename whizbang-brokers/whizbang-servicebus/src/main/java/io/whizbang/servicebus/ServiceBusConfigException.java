package io.whizbang.servicebus;

import io.whizbang.runtime.core.WhizbangException;

/** A setting of {@link ServiceBusConfig} or a name derived from it is not one Service Bus accepts. */
public final class ServiceBusConfigException extends WhizbangException {
  public ServiceBusConfigException(String message) {
    super(message);
  }
}

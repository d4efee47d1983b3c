package io.whizbang.runtime.config;

import io.whizbang.runtime.transport.Transport;

/** A broker's settings, read and checked by its {@link TransportProvider}; connects when the service starts. */
@FunctionalInterface
public interface TransportSettings {

  /** Connects a new transport; the caller closes it. */
  Transport connect();
}

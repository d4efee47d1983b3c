package io.whizbang.runtime.config;

import io.whizbang.runtime.transport.Transport;
import java.util.List;

/**
 * How a broker module reads its part of the settings: the keys under {@code whizbang.<name>.}. A broker module
 * registers one (in {@code META-INF/services/io.whizbang.runtime.config.TransportProvider} and with
 * {@code provides} in its module-info), and {@code whizbang.broker=<name>} chooses it.
 */
public interface TransportProvider {

  /** The broker's name: the value of {@code whizbang.broker} and the prefix of its keys. */
  String name();

  /** Every key under {@code whizbang.<name>.} it reads, for the documentation and for spelling checks. */
  List<WhizbangSettings.Key> keys();

  /**
   * Reads the broker's keys from {@code in}, reporting each bad one there ({@link SettingsReader#problem}) rather
   * than throwing, so that the user sees every bad key at once.
   *
   * @return the settings to connect with, used only when no key had a problem
   */
  Settings read(SettingsReader in);

  /** A broker's settings, read and checked by its {@link TransportProvider}; connects when the service starts. */
  @FunctionalInterface
  interface Settings {

    /** Connects a new transport; the caller closes it. */
    Transport connect();
  }
}

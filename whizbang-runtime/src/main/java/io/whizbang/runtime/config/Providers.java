package io.whizbang.runtime.config;

import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The broker modules on the class path, and the reading of the chosen one's settings. */
final class Providers {

  private Providers() {}

  /** Every {@link TransportProvider} of the context class loader (else the runtime's), by name. */
  static List<TransportProvider> load() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = context != null ? context : Providers.class.getClassLoader();
    List<TransportProvider> found = new ArrayList<>();
    ServiceLoader.load(TransportProvider.class, loader).forEach(found::add);
    found.sort(Comparator.comparing(TransportProvider::name));
    return found;
  }

  /** The chosen broker's settings; a broker whose module is missing is reported against {@code whizbang.broker}. */
  static TransportProvider.Settings read(String broker, List<TransportProvider> providers, SettingsReader in) {
    if (broker.equals("memory")) {
      return InMemoryTransport::new;
    }
    for (TransportProvider p : providers) {
      if (p.name().equals(broker)) {
        return p.read(in);
      }
    }
    in.problem(CoreKeys.BROKER, broker + " needs io.whizbang:whizbang-" + broker + " on the class path");
    return InMemoryTransport::new;
  }
}

package io.whizbang.runtime;

import io.whizbang.runtime.module.WhizbangModule;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a service is built with, checked: its own name (given, or taken from its one service module), the
 * domains it owns, and the modules it registered (each once).
 */
final class ServiceNames {

  /** The form {@code @OwnedBy} and {@code @Projection} names take. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private ServiceNames() {}

  /** A module found both on the class path and explicitly is registered once. */
  static List<WhizbangModule> distinct(List<WhizbangModule> modules) {
    Map<Class<?>, WhizbangModule> byClass = new LinkedHashMap<>();
    for (WhizbangModule m : modules) {
      byClass.putIfAbsent(m.getClass(), m);
    }
    return List.copyOf(byClass.values());
  }

  /** The name given, else the name of the one service module among {@code modules}. */
  static String serviceName(String given, List<WhizbangModule> modules) {
    if (given != null) {
      return given;
    }
    List<WhizbangModule> services = modules.stream().filter(m -> !m.ownedDomains().isEmpty()).toList();
    if (services.size() == 1) {
      return services.get(0).name();
    }
    throw new WhizbangConfigurationException("Name the service with Whizbang.builder().service(\"...\"): it is the "
        + "subscriber id on the broker, and it cannot be taken from the modules because "
        + (services.isEmpty() ? "none of them is a service module (@WhizbangService)"
            : services.size() + " of them are service modules " + services.stream().map(WhizbangModule::name).toList())
        + ".");
  }

  /** The domains {@code service} owns: those given, and those its own module declares. */
  static Set<String> ownedDomains(String service, Set<String> given, List<WhizbangModule> modules) {
    Set<String> owned = new LinkedHashSet<>(given);
    for (WhizbangModule m : modules) {
      // Only the service's own module confers ownership: registering another service's module (to send its
      // commands) must not let this service publish that service's events.
      if (m.name().equals(service)) {
        for (String d : m.ownedDomains()) {
          owned.add(requireName(d, "domain of module '" + m.name() + "'"));
        }
      }
    }
    return owned;
  }

  /** {@code name}, when it has the form of a service or domain name. */
  static String requireName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (!NAME.matcher(name).matches()) {
      throw new WhizbangConfigurationException("Invalid " + what + " '" + name + "': use lower-case letters, digits "
          + "and '-', starting with a letter (it becomes part of broker destination names).");
    }
    return name;
  }
}

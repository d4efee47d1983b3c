package io.whizbang.runtime.module;

import java.util.List;

/**
 * What one compilation contributes: its message types. The processor generates one implementation per compilation
 * ({@code WhizbangModule_Orders}) and lists it in {@code META-INF/services}, so {@link java.util.ServiceLoader}
 * finds it; it can also be handed to the builder explicitly.
 */
public interface WhizbangModule {

  /** The module's name: the service name of its {@code @WhizbangService}, or its package for message libraries. */
  String name();

  /** Domains owned by the service this module was compiled for (empty for a library of message types). */
  List<String> ownedDomains();

  /** The message types declared in this compilation. */
  List<MessageType<?>> messageTypes();
}

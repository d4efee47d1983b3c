package io.whizbang.runtime.internal.tracing;

import io.whizbang.runtime.relay.Relay;

/**
 * Hands a service's {@link Tracing} to the relay it runs, kept off {@code Relay}'s public API ({@code Relay} is
 * exported, this package is not). {@code Relay} registers the access when its class is initialized, which
 * constructing one has caused already.
 *
 * <pre>{@code TracedRelays.trace(relay, tracing);  // before relay.start()}</pre>
 */
public final class TracedRelays {

  /** What {@code Relay} registers. */
  public interface Access {
    void tracing(Relay relay, Tracing tracing);
  }

  private static volatile Access access;

  private TracedRelays() {}

  /** Called once, by {@code Relay}'s static initializer. */
  public static void register(Access value) {
    if (access != null) {
      throw new IllegalStateException("Relay's tracing access is registered already");
    }
    access = value;
  }

  /** The relay reports its publish rounds to {@code tracing}. */
  public static void trace(Relay relay, Tracing tracing) {
    Access a = access;
    if (a == null) {
      throw new IllegalStateException("Relay's tracing access is not registered");
    }
    a.tracing(relay, tracing);
  }
}

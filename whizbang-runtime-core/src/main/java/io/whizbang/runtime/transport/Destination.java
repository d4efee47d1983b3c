package io.whizbang.runtime.transport;

import java.util.Objects;

/**
 * Where a message goes, in broker-neutral terms: the owning domain's event stream or its command queue. Each
 * transport maps it to its own names by one convention (see {@link #conventionalName()}).
 */
public record Destination(Kind kind, String domain) {

  public enum Kind {
    /** The domain's events, broadcast to every subscribing service. */
    EVENTS,
    /** The domain's commands, consumed by the owning service's instances in competition. */
    COMMANDS
  }

  public Destination {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(domain, "domain");
  }

  public static Destination events(String domain) {
    return new Destination(Kind.EVENTS, domain);
  }

  public static Destination commands(String domain) {
    return new Destination(Kind.COMMANDS, domain);
  }

  /** The default broker-side name: {@code whizbang.<domain>.events} or {@code whizbang.<domain>.commands}. */
  public String conventionalName() {
    return "whizbang." + domain + (kind == Kind.EVENTS ? ".events" : ".commands");
  }
}

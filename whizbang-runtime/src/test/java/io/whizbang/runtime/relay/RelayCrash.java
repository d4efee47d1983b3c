package io.whizbang.runtime.relay;

/** Stops a relay the way a killed process stops: no lease handed back, no confirmation awaited. */
public final class RelayCrash {
  private RelayCrash() {}

  public static void kill(Relay relay) {
    relay.halt();
  }
}

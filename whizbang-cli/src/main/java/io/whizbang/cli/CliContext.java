package io.whizbang.cli;

import java.time.Clock;

/**
 * What the commands take from their surroundings, given once: the terminal to confirm on, and the clock that
 * relative times ({@code --since 2h}) count back from. Connection settings come from options or the environment.
 */
public record CliContext(Terminal terminal, Clock clock) {

  public static CliContext system() {
    return new CliContext(Terminal.system(), Clock.systemUTC());
  }
}

package io.whizbang.cli;

/** The exit codes of every {@code whizbang} command (docs/cli.md lists them). */
public final class ExitCodes {
  /** Done; for a list, something was found. */
  public static final int OK = 0;
  /** Nothing found (no such dead letter, an empty list), or the action did not succeed (a replay failed again). */
  public static final int NOT_FOUND = 1;
  /** A bad command line: unknown command or option, a missing or malformed value. */
  public static final int USAGE = 2;
  /** The database or the event feed cannot be reached, or refused a statement or request. */
  public static final int UNREACHABLE = 3;
  /** A destructive command was not confirmed: declined at the prompt, or no terminal to ask and no --yes. */
  public static final int NOT_CONFIRMED = 4;

  private ExitCodes() {}
}

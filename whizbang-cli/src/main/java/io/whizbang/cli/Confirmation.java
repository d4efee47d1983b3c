package io.whizbang.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code --yes} of a destructive command: without it the command asks on the terminal, and refuses when there
 * is no terminal to ask (a script must say {@code --yes} to mean it).
 */
public final class Confirmation {
  private final Terminal terminal;

  @Option(names = {"-y", "--yes"}, description = "Do it without asking for confirmation (needed without a terminal).")
  boolean yes;

  public Confirmation(CliContext context) {
    this.terminal = context.terminal();
  }

  /**
   * Returns when the action may go ahead; otherwise throws a {@link CliException} with
   * {@link ExitCodes#NOT_CONFIRMED}.
   *
   * @param what the action, as a sentence fragment: "replay 2 outbox dead letter(s) (ids 4, 7)"
   */
  public void confirm(String what, PrintWriter err) {
    if (yes) {
      return;
    }
    if (!terminal.interactive()) {
      throw new CliException(ExitCodes.NOT_CONFIRMED, "Refusing to " + what + " without confirmation: there is no"
          + " terminal to ask; pass --yes to confirm");
    }
    err.flush();
    String answer = terminal.ask("About to " + what + ". Continue? [y/N] ");
    if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).matches("y|yes")) {
      throw new CliException(ExitCodes.NOT_CONFIRMED, "Not confirmed; nothing was changed");
    }
  }
}

package io.whizbang.cli;

import java.io.Console;

/** Where a destructive command asks for confirmation: the process's console, when it has one. */
public interface Terminal {

  /** Whether there is a person to ask (standard input and output are a terminal). */
  boolean interactive();

  /** Shows {@code prompt} and reads one line; {@code null} at end of input. */
  String ask(String prompt);

  /** The process's console ({@link System#console()}), absent when input or output is redirected. */
  static Terminal system() {
    Console console = System.console();
    return new Terminal() {
      @Override
      public boolean interactive() {
        return console != null;
      }

      @Override
      public String ask(String prompt) {
        return console == null ? null : console.readLine("%s", prompt);
      }
    };
  }
}

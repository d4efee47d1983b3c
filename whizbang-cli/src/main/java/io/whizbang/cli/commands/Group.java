package io.whizbang.cli.commands;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups others: called alone, it is a usage error naming its subcommands. */
public class Group implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: use one of "
        + String.join(", ", spec.subcommands().keySet()) + " (see " + spec.qualifiedName() + " --help)");
  }
}

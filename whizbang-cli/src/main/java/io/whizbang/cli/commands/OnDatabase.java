package io.whizbang.cli.commands;

import io.whizbang.cli.DatabaseOptions;
import io.whizbang.cli.Output;
import picocli.CommandLine.Mixin;

/** A command on a service's tables that prints a table or, with {@code --json}, JSON. */
abstract class OnDatabase extends Leaf {
  @Mixin
  DatabaseOptions database;

  @Mixin
  Output output;
}

/**
 * The {@code whizbang} operator command. It reads and changes a service's state only through the runtime's exported
 * API ({@code io.whizbang.runtime.Operations}, {@code DeadLetters}), which this descriptor enforces at compile time.
 */
module io.whizbang.cli {
  requires io.whizbang.runtime;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires java.sql;

  // picocli reads the commands' annotations and sets their fields by reflection.
  opens io.whizbang.cli to info.picocli;
  opens io.whizbang.cli.commands to info.picocli;
}

package io.whizbang.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/** Runs the whizbang command in-process, its output captured, on a terminal that answers as told (or none). */
final class Cli {
  private final List<String> connection;
  private final AtomicReference<String> answer = new AtomicReference<>();
  private volatile boolean interactive;
  final List<String> prompts = new ArrayList<>();

  Cli(List<String> connection) {
    this.connection = connection;
  }

  /** The command without a database. */
  static Cli offline() {
    return new Cli(List.of());
  }

  /** From now on a person at a terminal answers {@code value} to every confirmation. */
  Cli answering(String value) {
    interactive = true;
    answer.set(value);
    return this;
  }

  /** Runs {@code args} (the connection options appended when the command takes them). */
  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(connection);
    return exec(all.toArray(String[]::new));
  }

  /** Runs exactly {@code args}. */
  Result exec(String... args) {
    Terminal terminal = new Terminal() {
      @Override
      public boolean interactive() {
        return interactive;
      }

      @Override
      public String ask(String prompt) {
        prompts.add(prompt);
        return answer.get();
      }
    };
    CommandLine cli = WhizbangCli.commandLine(new CliContext(terminal, Clock.systemUTC()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}

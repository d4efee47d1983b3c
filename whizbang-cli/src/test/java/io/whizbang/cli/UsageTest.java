package io.whizbang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.cli.Cli.Result;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help on every command, and the errors of a bad command line; none of this needs a database. */
class UsageTest {
  private final Cli cli = Cli.offline();

  @Test
  void everyCommandHasHelp() {
    List<String> commands = new ArrayList<>();
    collect(WhizbangCli.commandLine(new CliContext(Terminal.system(), Clock.systemUTC())), commands);
    assertThat(commands).contains("whizbang outbox status", "whizbang outbox dead-letters replay",
        "whizbang inbox dead-letters list", "whizbang projection rebuild", "whizbang feed head", "whizbang cleanup");
    assertThat(commands).hasSize(22);   // 15 that act, 7 that group them (the root included)
    for (String command : commands) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")).subList(1, command.split(" ").length));
      args.add("--help");
      Result help = cli.exec(args.toArray(String[]::new));
      assertThat(help.exitCode()).as(command).isZero();
      assertThat(help.out()).as(command).startsWith("Usage: " + command).contains("-h, --help");
    }
    assertThat(cli.exec("--help").out()).contains("Exit codes:", "4  a destructive command was not confirmed");
    assertThat(cli.exec("inbox", "dead-letters", "replay", "-V").out()).isEqualTo("whizbang 0.1.0" + System.lineSeparator());
  }

  private static void collect(CommandLine command, List<String> into) {
    into.add(command.getCommandSpec().qualifiedName());
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }

  @Test
  void aBadCommandLineIsAUsageErrorNamingTheProblem() {
    Result unknown = cli.exec("outbox", "stats");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("Unmatched argument at index 1: 'stats'", "Did you mean: outbox status?");

    Result groupAlone = cli.exec("inbox", "dead-letters");
    assertThat(groupAlone.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(groupAlone.err()).contains("Missing subcommand: use one of list, show, replay, discard");

    Result notANumber = cli.exec("outbox", "dead-letters", "show", "twelve");
    assertThat(notANumber.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notANumber.err()).contains("Invalid value for positional parameter at index 0 (<id>): 'twelve'");

    Result noIds = cli.exec("inbox", "dead-letters", "replay", "--yes");
    assertThat(noIds.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noIds.err()).contains("Missing required parameter: '<id>'");

    Result badTime = cli.exec("inbox", "dead-letters", "list", "--since", "last tuesday");
    assertThat(badTime.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTime.err()).contains("'last tuesday' is not a time: use an ISO-8601 instant");

    Result badDuration = cli.exec("cleanup", "--inbox-retention", "a week");
    assertThat(badDuration.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badDuration.err()).contains("'a week' is not a duration: use a number and a unit (90s, 15m, 12h, 7d)");
  }

  @Test
  void connectionSettingsAreCheckedBeforeConnecting() {
    Result noUrl = cli.exec("outbox", "status", "--jdbc-url", "");
    assertThat(noUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noUrl.err()).contains("No database given: pass --jdbc-url");

    Result notJdbc = cli.exec("outbox", "status", "--jdbc-url", "postgres://db/orders");
    assertThat(notJdbc.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notJdbc.err()).contains("Invalid --jdbc-url 'postgres://db/orders': a JDBC URL starts with jdbc:");

    Result badPrefix = cli.exec("outbox", "status", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x",
        "--table-prefix", "Orders-");
    assertThat(badPrefix.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badPrefix.err()).contains("Invalid table prefix 'Orders-'");

    Result unreachable = cli.exec("outbox", "status", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/orders");
    assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(unreachable.err()).startsWith("Cannot connect to jdbc:postgresql://127.0.0.1:1/orders");

    Result waitOnOutbox = cli.exec("outbox", "dead-letters", "replay", "1", "--wait", "5s", "--yes");
    assertThat(waitOnOutbox.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(waitOnOutbox.err()).contains("--wait applies to inbox replays only");
  }
}

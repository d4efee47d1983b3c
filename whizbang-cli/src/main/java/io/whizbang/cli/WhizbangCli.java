package io.whizbang.cli;

import io.whizbang.cli.commands.Cleanup;
import io.whizbang.cli.commands.DeadLetterPlace;
import io.whizbang.cli.commands.DiscardDeadLetters;
import io.whizbang.cli.commands.FeedHead;
import io.whizbang.cli.commands.Group;
import io.whizbang.cli.commands.Groups;
import io.whizbang.cli.commands.InboxStatus;
import io.whizbang.cli.commands.ListDeadLetters;
import io.whizbang.cli.commands.OutboxStatus;
import io.whizbang.cli.commands.ProjectionStatus;
import io.whizbang.cli.commands.ReplayDeadLetters;
import io.whizbang.cli.commands.ResetProjection;
import io.whizbang.cli.commands.ShowDeadLetter;
import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.storage.StorageException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code whizbang} command: {@code java -jar whizbang.jar <command> ...}; docs/cli.md describes every command. */
@Command(name = "whizbang", mixinStandardHelpOptions = true, version = WhizbangCli.VERSION,
    description = "Look at and act on a Whizbang service's outbox, inboxes, projections and event feed.",
    footerHeading = "%nExit codes:%n",
    footer = {"  0  done; for list/status/head: something was found",
        "  1  nothing found, or the action did not succeed (a replay failed again)",
        "  2  bad command line: unknown command or option, missing or malformed value",
        "  3  the database or feed cannot be reached, or refused a statement or request",
        "  4  a destructive command was not confirmed (declined; no terminal, no --yes)"})
public final class WhizbangCli extends Group {
  static final String VERSION = "whizbang 0.1.0";

  public static void main(String[] args) {
    System.exit(commandLine(CliContext.system()).execute(args));
  }

  /** The whole command tree, its errors mapped to {@link ExitCodes}. */
  public static CommandLine commandLine(CliContext context) {
    IFactory factory = new ContextFactory(context);
    CommandLine root = new CommandLine(new WhizbangCli(), factory);
    root.addSubcommand(new CommandLine(new Groups.Outbox(), factory)
        .addSubcommand(new CommandLine(new OutboxStatus(), factory))
        .addSubcommand(deadLetters(DeadLetterPlace.OUTBOX, factory)));
    root.addSubcommand(new CommandLine(new Groups.Inbox(), factory)
        .addSubcommand(new CommandLine(new InboxStatus(), factory))
        .addSubcommand(deadLetters(DeadLetterPlace.INBOX, factory)));
    root.addSubcommand(new CommandLine(new Groups.Projection(), factory)
        .addSubcommand(new CommandLine(new ProjectionStatus(), factory))
        .addSubcommand(new CommandLine(new ResetProjection.Reset(), factory))
        .addSubcommand(new CommandLine(new ResetProjection.Rebuild(), factory)));
    root.addSubcommand(new CommandLine(new Groups.Feed(), factory)
        .addSubcommand(new CommandLine(new FeedHead(), factory)));
    root.addSubcommand(new CommandLine(new Cleanup(), factory));
    root.setExecutionExceptionHandler((e, commandLine, parsed) -> exitCodeOf(e, commandLine.getErr()));
    versionEverywhere(root);
    return root;
  }

  /** Every command's -V prints the version (picocli gives only the root's a text). */
  private static void versionEverywhere(CommandLine command) {
    command.getCommandSpec().version(VERSION);
    command.getSubcommands().values().forEach(WhizbangCli::versionEverywhere);
  }

  private static CommandLine deadLetters(DeadLetterPlace place, IFactory factory) {
    CommandLine list = new CommandLine(new ListDeadLetters(place), factory);
    // The owner filter is named for the place: --destination (outbox) or --subscriber (inbox).
    list.getCommandSpec().addOption(OptionSpec.builder(place.ownerOption()).paramLabel(place.ownerLabel())
        .type(String.class).description(place.ownerDescription()).build());
    return new CommandLine(new Groups.DeadLetters(), factory)
        .addSubcommand(list)
        .addSubcommand(new CommandLine(new ShowDeadLetter(place), factory))
        .addSubcommand(new CommandLine(new ReplayDeadLetters(place), factory))
        .addSubcommand(new CommandLine(new DiscardDeadLetters(place), factory));
  }

  private static int exitCodeOf(Exception e, PrintWriter err) throws Exception {
    if (e instanceof CliException cli) {
      err.println(cli.getMessage());
      err.flush();
      return cli.exitCode();
    }
    if (e instanceof StorageException || e instanceof WhizbangException) {
      err.println("Database error: " + e.getMessage().strip()
          + System.lineSeparator() + "(Are --table-prefix and --schema those of the service?)");
      err.flush();
      return ExitCodes.UNREACHABLE;
    }
    if (e instanceof IllegalArgumentException) {
      err.println(e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    throw e;
  }

  /** Builds commands, mixins and converters, handing the {@link CliContext} to those that take it. */
  private record ContextFactory(CliContext context) implements IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> c : type.getConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
          return type.cast(c.newInstance(context));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}

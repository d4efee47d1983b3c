package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.cli.Times;
import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.Operations.DeadLetterFilter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code <outbox|inbox> dead-letters list}: the dead letters matching the filters, oldest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"Lists dead letters, oldest first. Exit code 1 when none matches."})
public final class ListDeadLetters extends OnDatabase implements Callable<Integer> {
  private final DeadLetterPlace place;

  @Option(names = "--wire-name", paramLabel = "<name>", description = "Only messages of this wire name.")
  String wireName;

  @Option(names = "--key", paramLabel = "<key>", description = "Only messages with this partition key.")
  String key;

  @Option(names = "--since", paramLabel = "<time>", converter = Times.class,
      description = "Only those parked at or after this time: 2026-12-07T09:00:00Z, or ago: 30m, 2h, 7d.")
  Instant since;

  @Option(names = "--until", paramLabel = "<time>", converter = Times.class,
      description = "Only those parked before this time (same forms as --since).")
  Instant until;

  @Option(names = "--after-id", paramLabel = "<id>", defaultValue = "0",
      description = "Only ids greater than this one: the next page after the last id shown.")
  long afterId;

  @Option(names = "--limit", paramLabel = "<n>", defaultValue = "100",
      description = "At most this many (1 to 10000; default ${DEFAULT-VALUE}).")
  int limit;

  public ListDeadLetters(DeadLetterPlace place) {
    this.place = place;
  }

  @Override
  public Integer call() {
    String owner = spec.findOption(place.ownerOption()).getValue();
    List<DeadLetter> letters = place.list(database.operations(),
        new DeadLetterFilter(owner, wireName, key, since, until), afterId, limit);
    if (output.json()) {
      ObjectNode doc = Output.object();
      ArrayNode array = doc.putArray("deadLetters");
      letters.forEach(d -> array.add(DeadLetterJson.summary(d)));
      Output.print(out(), doc);
    } else if (letters.isEmpty()) {
      err().println("No " + place.label() + " dead letters match.");
    } else {
      Table table = new Table("ID", place.ownerHeader(), "WIRE NAME", "KEY", "ATTEMPTS", "PARKED AT", "REASON");
      for (DeadLetter d : letters) {
        table.row(d.id(), d.owner(), d.wireName(), d.partitionKey(), d.attempts(), d.parkedAt(), d.reason());
      }
      table.print(out());
    }
    return letters.isEmpty() ? ExitCodes.NOT_FOUND : ExitCodes.OK;
  }
}

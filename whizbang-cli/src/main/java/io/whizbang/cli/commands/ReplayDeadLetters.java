package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.CliException;
import io.whizbang.cli.Confirmation;
import io.whizbang.cli.Durations;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.Operations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code <outbox|inbox> dead-letters replay <id>...}: in id order, so that letters of one key keep their order.
 * Outbox: requeued at once. Inbox: marked; the running subscriber replays them; {@code --wait} waits for it.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = {
    "Replays dead letters, in id order (their key's order). Outbox: put back into the outbox in their old place;"
        + " the service's relay publishes them before the later messages of their key. Inbox: marked for replay;"
        + " the running subscriber replays them through its handlers within a second (--wait waits for that).",
    "Exit code 1 when one was not found or (with --wait) was not replayed."})
public final class ReplayDeadLetters extends OnDatabase implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(200);

  private final DeadLetterPlace place;

  @Mixin
  Confirmation confirmation;

  @Parameters(paramLabel = "<id>", arity = "1..*", description = "The dead letters' ids.")
  List<Long> ids;

  @Option(names = "--wait", paramLabel = "<duration>", converter = Durations.class,
      description = "Inbox only: wait up to this long (e.g. 30s) for the subscriber to replay them.")
  Duration wait;

  public ReplayDeadLetters(DeadLetterPlace place) {
    this.place = place;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (wait != null && place == DeadLetterPlace.OUTBOX) {
      throw new CliException(ExitCodes.USAGE, "--wait applies to inbox replays only: an outbox replay is requeued"
          + " at once, and published by the service's relay");
    }
    TreeSet<Long> ordered = new TreeSet<>(ids);
    Operations ops = database.operations();
    confirmation.confirm("replay " + ordered.size() + " " + place.label() + " dead letter(s) (ids "
        + ordered.toString().replaceAll("[\\[\\]]", "") + ")", err());
    List<Outcome> outcomes = new ArrayList<>();
    for (long id : ordered) {
      // Read first: a failed inbox replay is seen as one more attempt on the letter.
      Optional<DeadLetter> before = place.find(ops, id);
      ReplayResult result = before.isEmpty() ? ReplayResult.notFound() : place.replay(ops, id);
      outcomes.add(new Outcome(id, result.status() == ReplayResult.Status.REPLAYED ? place.replayedWord()
          : word(result.status()), result.reason(), before.map(DeadLetter::attempts).orElse(0)));
    }
    if (wait != null) {
      awaitInboxReplays(ops, outcomes);
    }
    print(outcomes);
    boolean allDone = outcomes.stream().allMatch(o -> o.result.equals(wait == null ? place.replayedWord()
        : "replayed"));
    return allDone ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }

  private void awaitInboxReplays(Operations ops, List<Outcome> outcomes) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      boolean pending = false;
      for (Outcome o : outcomes) {
        if (!o.result.equals(place.replayedWord())) {
          continue;
        }
        Optional<DeadLetter> now = ops.inboxDeadLetter(o.id);
        if (now.isEmpty()) {
          o.result = "replayed";
        } else if (now.get().attempts() > o.attemptsBefore) {
          o.result = "failed";
          o.reason = now.get().reason();
        } else {
          pending = true;
        }
      }
      if (!pending || System.nanoTime() > deadline) {
        return;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void print(List<Outcome> outcomes) {
    if (output.json()) {
      ObjectNode doc = Output.object();
      ArrayNode results = doc.putArray("results");
      for (Outcome o : outcomes) {
        results.addObject().put("id", o.id).put("result", o.result).put("reason", o.reason);
      }
      Output.print(out(), doc);
      return;
    }
    Table table = new Table("ID", "RESULT", "REASON");
    outcomes.forEach(o -> table.row(o.id, o.result, o.reason));
    table.print(out());
  }

  private static String word(ReplayResult.Status status) {
    return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** One id's result: the word printed, and what the wait compares. */
  private static final class Outcome {
    final long id;
    final int attemptsBefore;
    String result;
    String reason;

    Outcome(long id, String result, String reason, int attemptsBefore) {
      this.id = id;
      this.result = result;
      this.reason = reason;
      this.attemptsBefore = attemptsBefore;
    }
  }
}

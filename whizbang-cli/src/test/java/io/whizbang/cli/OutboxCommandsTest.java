package io.whizbang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.cli.Cli.Result;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.Relay;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox commands against two messages of key k1 that the broker refused for good: parked by a relay that lets
 * a key go on without its dead letter (SKIP; the default HOLD_KEY would hold the second behind the first, so it
 * would never be refused), then the service runs with HOLD_KEY, which holds the later message of k1 behind them. A
 * replay through the command publishes all three once, in order.
 */
class OutboxCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliDatabase db;
  private RefusingTransport broker;
  private Relay relay;
  private Cli cli;

  @BeforeEach
  void parkTwoMessagesOfOneKey() {
    db = new CliDatabase();
    cli = db.cli();
    broker = new RefusingTransport();
    broker.refusedKey = "k1";
    try (Relay skipping = relay(RelayConfig.DeadLetterPolicy.SKIP)) {
      skipping.start();
      append(Messages.charged("k1", 0), Messages.charged("k1", 1), Messages.charged("k2", 0),
          Messages.to(Destination.commands("shipping"), "k3", 0));
      Await.until(() -> skipping.deadLetters().count() == 2 && broker.accepted.size() == 2,
          "two parked, two published");
    }
    relay = relay(RelayConfig.DeadLetterPolicy.HOLD_KEY);
    relay.start();
    append(Messages.charged("k1", 2));  // held behind the dead letters of its key
  }

  private Relay relay(RelayConfig.DeadLetterPolicy policy) {
    return new Relay(db.storage(), broker, RelayConfig.builder().publishInterval(Duration.ofMillis(20))
        .cleanupInterval(Duration.ofHours(1)).publishedRetention(Duration.ofHours(1)).deadLetterPolicy(policy)
        .build());
  }

  @AfterEach
  void stop() {
    relay.close();
    db.close();
  }

  private void append(OutgoingMessage... messages) {
    Outbox outbox = new Outbox(db.storage());
    db.storage().inTransaction(tx -> {
      outbox.append(tx, List.of(messages));
      return null;
    });
  }

  @Test
  void statusShowsPendingAndDeadLettersPerDestination() throws Exception {
    Result table = cli.run("outbox", "status");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).containsPattern("DESTINATION +PENDING +RETRYING +OLDEST +SCHEDULED +DEAD LETTERS")
        .containsPattern("whizbang\\.billing\\.events +1 +0 +\\d+s +0 +2")
        .contains("1 pending, 0 scheduled, 2 dead letter(s)");

    Result json = cli.run("outbox", "status", "--json");
    JsonNode destinations = JSON.readTree(json.out()).get("destinations");
    assertThat(destinations).hasSize(1);
    JsonNode billing = destinations.get(0);
    assertThat(billing.get("destination").asText()).isEqualTo("whizbang.billing.events");
    assertThat(billing.get("pending").asLong()).isEqualTo(1);
    assertThat(billing.get("retrying").asLong()).isZero();
    assertThat(billing.get("oldestPendingMillis").isIntegralNumber()).isTrue();
    assertThat(billing.get("scheduled").asLong()).isZero();
    assertThat(billing.get("deadLetters").asLong()).isEqualTo(2);
  }

  @Test
  void listFiltersAndShowPrintsOneInFull() throws Exception {
    Result all = cli.run("outbox", "dead-letters", "list", "--key", "k1", "--since", "10m");
    assertThat(all.exitCode()).as(all.toString()).isZero();
    assertThat(all.out().lines().filter(l -> l.contains("whizbang.billing.events"))).hasSize(2);
    assertThat(all.out()).contains("Refused permanently at attempt");   // cut to the column; show prints it all

    JsonNode letters = JSON.readTree(cli.run("outbox", "dead-letters", "list", "--json").out()).get("deadLetters");
    assertThat(letters).hasSize(2);
    assertThat(letters.get(0).fieldNames()).toIterable().containsExactly("id", "source", "owner", "messageId",
        "wireName", "partitionKey", "attempts", "parkedAt", "reason");
    assertThat(letters.get(0).get("source").asText()).isEqualTo("OUTBOX");
    assertThat(letters.get(0).get("partitionKey").asText()).isEqualTo("k1");

    Result none = cli.run("outbox", "dead-letters", "list", "--destination", "whizbang.shipping.commands");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(none.err()).contains("No outbox dead letters match.");
    Result badDestination = cli.run("outbox", "dead-letters", "list", "--destination", "billing");
    assertThat(badDestination.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badDestination.err()).contains("Invalid destination 'billing': use whizbang.<domain>.events");

    long first = letters.get(0).get("id").asLong();
    Result show = cli.run("outbox", "dead-letters", "show", Long.toString(first));
    assertThat(show.exitCode()).isZero();
    assertThat(show.out()).contains("partition key: k1", "the broker refuses key k1", "\"type\":\"billing.Charged\"", "\"seq\":0");
    JsonNode detail = JSON.readTree(cli.run("outbox", "dead-letters", "show", Long.toString(first), "--json").out());
    assertThat(detail.get("body").get("payload").get("seq").asInt()).isZero();
    assertThat(cli.run("outbox", "dead-letters", "show", "999999").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void replayedDeadLettersAreDeliveredOnceInKeyOrderBeforeTheHeldMessage() throws Exception {
    JsonNode letters = JSON.readTree(cli.run("outbox", "dead-letters", "list", "--json").out()).get("deadLetters");
    String first = letters.get(0).get("id").asText();
    String second = letters.get(1).get("id").asText();

    Result refused = cli.run("outbox", "dead-letters", "replay", second, first);
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(refused.err()).contains("Refusing to replay 2 outbox dead letter(s)", "pass --yes");
    assertThat(relay.deadLetters().count()).isEqualTo(2);

    broker.refusedKey = null;   // the cause is fixed
    Result replayed = cli.run("outbox", "dead-letters", "replay", second, first, "--yes", "--json");
    assertThat(replayed.exitCode()).as(replayed.toString()).isZero();
    JsonNode results = JSON.readTree(replayed.out()).get("results");
    assertThat(results.get(0).get("id").asText()).isEqualTo(first);   // id order, whatever the command line's
    assertThat(results.get(0).get("result").asText()).isEqualTo("requeued");
    assertThat(results.get(1).get("result").asText()).isEqualTo("requeued");

    Await.until(() -> broker.accepted.size() == 5, "the two replayed and the held message published");
    assertThat(broker.accepted.subList(2, 5)).containsExactly("k1#0", "k1#1", "k1#2");
    Thread.sleep(200);   // a second publish of any of them would show up in this time
    assertThat(broker.accepted).hasSize(5).doesNotHaveDuplicates();
    assertThat(cli.run("outbox", "dead-letters", "replay", first, "--yes").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void discardDropsADeadLetterAndTheHeldMessageGoesOn() throws Exception {
    JsonNode letters = JSON.readTree(cli.run("outbox", "dead-letters", "list", "--json").out()).get("deadLetters");
    broker.refusedKey = null;
    Result declined = cli.answering("n").run("outbox", "dead-letters", "discard",
        letters.get(0).get("id").asText(), letters.get(1).get("id").asText());
    assertThat(declined.exitCode()).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(cli.prompts).singleElement().asString().contains("discard 2 outbox dead letter(s) for good");
    assertThat(relay.deadLetters().count()).isEqualTo(2);

    Result discarded = cli.answering("y").run("outbox", "dead-letters", "discard",
        letters.get(0).get("id").asText(), letters.get(1).get("id").asText());
    assertThat(discarded.exitCode()).as(discarded.toString()).isZero();
    assertThat(discarded.out()).containsPattern("\\d+ +discarded");
    Await.until(() -> broker.accepted.contains("k1#2"), "the held message published once its key is free");
    assertThat(broker.accepted).doesNotContain("k1#0", "k1#1");
  }

  @Test
  void cleanupCountsOnADryRunAndDeletesOnlyWhenConfirmed() throws Exception {
    JsonNode dry = JSON.readTree(cli.run("cleanup", "--dry-run", "--json").out());
    assertThat(dry.get("dryRun").asBoolean()).isTrue();
    assertThat(dry.get("publishedOutboxRows").asLong()).isEqualTo(2);
    assertThat(dry.get("inboxRows").asLong()).isZero();
    assertThat(db.count("select count(*) from {p}outbox where published_at_ms is not null")).isEqualTo(2);

    Result refused = cli.run("cleanup");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(db.count("select count(*) from {p}outbox where published_at_ms is not null")).isEqualTo(2);

    Result cleaned = cli.run("cleanup", "--yes", "--outbox-retention", "0s");
    assertThat(cleaned.exitCode()).as(cleaned.toString()).isZero();
    assertThat(cleaned.out()).containsPattern("published outbox rows \\(older than 0s\\) +2");
    assertThat(db.count("select count(*) from {p}outbox where published_at_ms is not null")).isZero();
    assertThat(db.count("select count(*) from {p}outbox")).isEqualTo(1);   // the held one stays
  }
}

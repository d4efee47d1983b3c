package io.whizbang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.whizbang.cli.Cli.Result;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox commands against a running subscriber whose handler failed on two messages of key "bad": the command
 * only marks them, and the subscriber replays them through its handler, once each, in their order.
 */
class InboxCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliDatabase db;
  private Cli cli;
  private InMemoryTransport broker;
  private InboxConsumer consumer;
  private Subscription subscription;
  private final BillingHandler handler = new BillingHandler();

  @BeforeEach
  void parkTwoMessages() {
    db = new CliDatabase();
    cli = db.cli();
    broker = new InMemoryTransport();
    consumer = InboxConsumer.builder(db.storage(), "billing").dispatchers(List.of(handler))
        .config(InboxConfig.builder().retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(1)
            .initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(10)).build()).build())
        .build();
    subscription = consumer.subscribe(broker,
        List.of(new SubscriptionRequest.Source(Messages.EVENTS, consumer.wireNames())), 1);
    consumer.startCleanup();   // the service's background work, replay requests included
    handler.broken = true;
    broker.publish(List.of(Messages.charged("bad", 0), Messages.charged("bad", 1), Messages.charged("good", 0)))
        .forEach(CompletableFuture::join);
    Await.until(() -> consumer.deadLetters().count() == 2 && handler.applied.size() == 1,
        "two parked, one applied");
  }

  @AfterEach
  void stop() {
    subscription.close();
    consumer.close();
    broker.close();
    db.close();
  }

  @Test
  void statusListAndShow() throws Exception {
    Result status = cli.run("inbox", "status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).containsPattern("SUBSCRIBER +ROWS +DEAD LETTERS +REPLAY REQUESTED +OLDEST DEAD LETTER")
        .containsPattern("billing +3 +2 +0 +20");
    JsonNode subscribers = JSON.readTree(cli.run("inbox", "status", "--json").out()).get("subscribers");
    assertThat(subscribers.get(0).fieldNames()).toIterable()
        .containsExactly("subscriber", "rows", "deadLetters", "replayRequested", "oldestDeadLetter");
    assertThat(subscribers.get(0).get("deadLetters").asLong()).isEqualTo(2);

    Result matching = cli.run("inbox", "dead-letters", "list", "--subscriber", "billing", "--wire-name",
        Messages.WIRE_NAME, "--key", "bad", "--since", "1h");
    assertThat(matching.exitCode()).as(matching.toString()).isZero();
    assertThat(matching.out().lines().filter(l -> l.contains(" bad "))).hasSize(2);
    for (String[] filter : List.of(new String[] {"--subscriber", "shipping"}, new String[] {"--key", "good"},
        new String[] {"--until", "2000-01-01T00:00:00Z"}, new String[] {"--wire-name", "billing.Refunded"})) {
      assertThat(cli.run("inbox", "dead-letters", "list", filter[0], filter[1]).exitCode()).as(filter[0])
          .isEqualTo(ExitCodes.NOT_FOUND);
    }
    JsonNode first = JSON.readTree(cli.run("inbox", "dead-letters", "list", "--limit", "1", "--json").out())
        .get("deadLetters");
    assertThat(first).hasSize(1);
    Result show = cli.run("inbox", "dead-letters", "show", first.get(0).get("id").asText(), "--json");
    JsonNode detail = JSON.readTree(show.out());
    assertThat(detail.get("owner").asText()).isEqualTo("billing");
    assertThat(detail.get("reason").asText()).contains("the ledger is locked");
    assertThat(detail.get("stackTrace").asText()).contains("BillingHandler.dispatch");
    assertThat(detail.get("body").get("payload").get("seq").asInt()).isZero();
  }

  @Test
  void replayedDeadLettersAreAppliedOnceInKeyOrderByTheRunningSubscriber() throws Exception {
    JsonNode letters = JSON.readTree(cli.run("inbox", "dead-letters", "list", "--json").out()).get("deadLetters");
    String first = letters.get(0).get("id").asText();
    String second = letters.get(1).get("id").asText();
    handler.broken = false;   // the cause is fixed

    Result replayed = cli.run("inbox", "dead-letters", "replay", second, first, "--yes", "--wait", "20s");
    assertThat(replayed.exitCode()).as(replayed.toString()).isZero();
    assertThat(replayed.out()).containsPattern(first + " +replayed").containsPattern(second + " +replayed");
    assertThat(handler.applied).containsExactly("good#0", "bad#0", "bad#1");

    assertThat(cli.run("inbox", "dead-letters", "replay", first, "--yes").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
    broker.publish(List.of(Messages.charged("bad", 2))).forEach(CompletableFuture::join);
    Await.until(() -> handler.applied.size() == 4, "the next message of the key");
    assertThat(handler.applied).containsExactly("good#0", "bad#0", "bad#1", "bad#2");
    assertThat(cli.run("inbox", "status", "--json").out()).contains("\"deadLetters\" : 0");
  }

  @Test
  void aReplayThatFailsAgainKeepsTheDeadLetter() throws Exception {
    String id = JSON.readTree(cli.run("inbox", "dead-letters", "list", "--json").out()).get("deadLetters").get(0)
        .get("id").asText();
    Result failed = cli.run("inbox", "dead-letters", "replay", id, "--yes", "--wait", "20s", "--json");
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    JsonNode result = JSON.readTree(failed.out()).get("results").get(0);
    assertThat(result.get("result").asText()).isEqualTo("failed");
    assertThat(result.get("reason").asText()).startsWith("Replay failed:").contains("the ledger is locked");
    assertThat(consumer.deadLetters().count()).isEqualTo(2);
    assertThat(handler.applied).containsExactly("good#0");
  }

  @Test
  void discardAsksFirst() {
    String id = Long.toString(consumer.deadLetters().list(0, 1).get(0).id());
    Result refused = cli.run("inbox", "dead-letters", "discard", id);
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(refused.err()).isEqualTo("Refusing to discard 1 inbox dead letter(s) for good (ids " + id
        + ") without confirmation: there is no terminal to ask; pass --yes to confirm" + System.lineSeparator());
    assertThat(consumer.deadLetters().count()).isEqualTo(2);

    Result discarded = cli.answering("yes").run("inbox", "dead-letters", "discard", id);
    assertThat(discarded.exitCode()).as(discarded.toString()).isZero();
    assertThat(consumer.deadLetters().count()).isEqualTo(1);
    assertThat(cli.run("inbox", "dead-letters", "discard", id).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  /** Applies billing.Charged messages (recording key#seq), or fails while the ledger is "locked". */
  static final class BillingHandler implements MessageDispatcher {
    final List<String> applied = new CopyOnWriteArrayList<>();
    volatile boolean broken;

    @Override
    public String handlerName() {
      return "BillingHandler";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of(Messages.WIRE_NAME);
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) {
      String label = Messages.label(EnvelopeCodec.encode(envelope));
      if (broken && label.startsWith("bad#")) {
        throw new IllegalStateException("the ledger is locked");
      }
      applied.add(label);
    }
  }
}

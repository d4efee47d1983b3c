package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An attempt is a handler run (docs/inbox.md), on SQS too: a message released unhandled behind a failing message of
 * its group comes back with a higher ApproximateReceiveCount, and that must not spend its attempts. On ElasticMQ,
 * which like SQS returns several messages of one group per receive (fauxqs returns one at a time, so nothing is held
 * back there).
 */
class AttemptsTest {

  private static final Destination COMMANDS = Destination.commands("orders");

  @Test
  void aMessageHeldBehindAFailingOneOfItsGroupKeepsItsAttemptsAndIsApplied() throws Exception {
    Servers server = Servers.ELASTICMQ;
    server.require();
    SqsTransport transport = SqsTransport.connect(server.config().build());
    try (StorageFixture db = StorageFixture.create(TestDb.H2)) {
      OutgoingMessage poison = message(COMMANDS, "orders.Ship", "k", "{\"fails\":99}");
      OutgoingMessage flaky = message(COMMANDS, "orders.Ship", "k", "{\"fails\":3}");
      FailingNTimes dispatcher = new FailingNTimes();
      InboxConsumer inbox = InboxConsumer.builder(db.storage(), "shipping")
          .dispatchers(List.of(dispatcher))
          .config(InboxConfig.builder().retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(4)
              .initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(100)).jitter(0).build()).build())
          .build();
      List<Integer> receiveCounts = new CopyOnWriteArrayList<>();
      transport.subscribe(new SubscriptionRequest("shipping", List.of(new Source(COMMANDS, Set.of("orders.Ship"))),
          1), batch -> {
            batch.forEach(d -> receiveCounts.add(d.deliveryCount()));
            inbox.handle(batch);
          });

      // One call: both in one group, the flaky one behind the poison one.
      transport.publish(List.of(poison, flaky)).forEach(f -> f.join());

      assertThat(Collected.await(Duration.ofSeconds(60), () -> dispatcher.applied.contains(flaky.messageId())))
          .as("the flaky message applied; runs so far %s, receive counts %s", dispatcher.runs, receiveCounts)
          .isTrue();
      assertThat(inbox.deadLetters().count()).isEqualTo(1);
      DeadLetter letter = inbox.deadLetters().list(0, 10).get(0);
      assertThat(letter.messageId()).isEqualTo(poison.messageId());
      assertThat(letter.attempts()).as("dead letter's attempts").isEqualTo(4);
      assertThat(letter.reason()).startsWith("Handling failed 4 time(s)");
      assertThat(dispatcher.runs).containsEntry(poison.messageId(), 4).containsEntry(flaky.messageId(), 4);
      assertThat(receiveCounts).as("the held-back message came back with receive counts above its runs")
          .anyMatch(c -> c > 4);
      inbox.close();
    } finally {
      Cleanup.delete(server, transport);
    }
  }

  /** Fails each message as many times as its payload's "fails" says, then applies it. */
  private static final class FailingNTimes implements MessageDispatcher {
    final Map<UUID, Integer> runs = new ConcurrentHashMap<>();
    final Set<UUID> applied = ConcurrentHashMap.newKeySet();

    @Override
    public String handlerName() {
      return "ShippingHandlers";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of("orders.Ship");
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) {
      int run = runs.merge(envelope.messageId(), 1, Integer::sum);
      String json = new String(envelope.payload(), StandardCharsets.UTF_8);
      int fails = Integer.parseInt(json.replaceAll("\\D", ""));
      if (run <= fails) {
        throw new IllegalStateException("run " + run + " of " + envelope.messageId() + " fails");
      }
      applied.add(envelope.messageId());
    }
  }
}

package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SQS deliveries say when SQS took the message (SentTimestamp), so a message older than the inbox retention with no
 * inbox row (it may have been applied, and its row cleaned up since) is parked with its age by default instead of
 * being applied again.
 */
class StaleMessageTest {
  private static final Destination COMMANDS = Destination.commands("orders");

  @Test
  void aMessageSentLongerAgoThanTheRetentionIsParkedWithItsAge() throws Exception {
    Servers.ELASTICMQ.require();
    SqsTransport transport = SqsTransport.connect(Servers.ELASTICMQ.config().build());
    try (StorageFixture db = StorageFixture.create(TestDb.H2)) {
      List<String> applied = new CopyOnWriteArrayList<>();
      InboxConsumer inbox = InboxConsumer.builder(db.storage(), "shipping")
          .dispatchers(List.of(new ShipRecorder(applied)))
          .config(InboxConfig.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(8)))
              .cleanupRetention(Duration.ofDays(7)).build())
          .build();
      SubscriptionRequest request = new SubscriptionRequest("shipping", List.of(new Source(COMMANDS,
          Set.of("orders.Ship"))), 1);
      transport.subscribe(request, inbox);
      transport.publish(List.of(message(COMMANDS, "orders.Ship", "k", "{\"n\":1}"))).get(0)
          .get(20, TimeUnit.SECONDS);

      assertThat(Collected.await(Duration.ofSeconds(20), () -> inbox.deadLetters().count() == 1)).isTrue();
      DeadLetter letter = inbox.deadLetters().list(0, 1).get(0);
      assertThat(letter.reason()).startsWith("The message was published 8d 0h ago, longer than the inbox"
          + " retention (7d 0h)");
      assertThat(applied).isEmpty();
      inbox.close();
    } finally {
      Cleanup.delete(Servers.ELASTICMQ, transport);
    }
  }
}

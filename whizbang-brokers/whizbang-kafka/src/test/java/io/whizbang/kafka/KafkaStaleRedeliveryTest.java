package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.inbox.InboxConfig.StaleMessagePolicy;
import io.whizbang.runtime.internal.MessageIds;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.AppliedEvents;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A replay from the beginning (the group's offsets reset) after the inbox rows were cleaned up would apply old
 * messages a second time: by default the inbox parks each message published longer ago than its retention, with
 * its age, and applies nothing; a subscriber that opts in re-applies them.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaStaleRedeliveryTest {
  private static final String ORDER_PLACED = "orders.OrderPlaced";
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aReplayOlderThanTheInboxRetentionIsParkedWithItsAgeUnlessTheSubscriberOptsIn() throws Exception {
    KafkaBroker.require();
    String domain = KafkaBroker.uniqueDomain("stale");
    Destination events = Destination.events(domain);
    String group = "billing-" + domain;
    try (StorageFixture db = StorageFixture.create(TestDb.POSTGRES);
        KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().build());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP))) {
      AppliedEvents applied = AppliedEvents.create(db.dataSource(), StorageInternals.tables(db.storage()).table("applied"));
      List<OutgoingMessage> orders = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        orders.add(orderPlaced(events, "o-" + i));
      }
      Messages.publishAndConfirm(kafka, orders);

      // Day 0: applied once.
      InboxConsumer dayZero = inbox(db, applied, group, Clock.systemUTC(), StaleMessagePolicy.DEAD_LETTER);
      try (Subscription s = subscribe(kafka, dayZero, events)) {
        Received.await(WAIT, () -> applied.count() == 5, () -> "applied on day 0: " + applied.count());
      }
      dayZero.close();

      // Eight days later: the inbox rows are gone, and someone replays the topic for the group from the beginning.
      Clock dayEight = Clock.offset(Clock.systemUTC(), Duration.ofDays(8));
      InboxConsumer later = inbox(db, applied, group, dayEight, StaleMessagePolicy.DEAD_LETTER);
      assertThat(later.deleteExpired()).as("inbox rows cleaned up").isEqualTo(5);
      rewind(admin, group, kafka.topicOf(events));
      try (Subscription s = subscribe(kafka, later, events)) {
        Received.await(WAIT, () -> later.deadLetters().count() == 5,
            () -> "replayed messages parked: " + later.deadLetters().count());
      }
      assertThat(applied.count()).as("applied once, not again").isEqualTo(5);
      for (DeadLetter letter : later.deadLetters().list(0, 10)) {
        assertThat(letter.reason()).startsWith("The message was published 8d 0h ago, longer than the inbox"
            + " retention (7d 0h): it may have been applied before");
      }
      later.close();

      // A new subscriber that opts in (rebuilding from history) applies them all.
      AppliedEvents rebuilt = AppliedEvents.create(db.dataSource(), StorageInternals.tables(db.storage()).table("rebuilt"));
      InboxConsumer rebuild = inbox(db, rebuilt, "rebuild-" + domain, dayEight, StaleMessagePolicy.APPLY);
      try (Subscription s = subscribe(kafka, rebuild, events)) {
        Received.await(WAIT, () -> rebuilt.count() == 5, () -> "re-applied by who opted in: " + rebuilt.count());
      }
      assertThat(rebuild.deadLetters().count()).isZero();
      rebuild.close();
    }
  }

  private static OutgoingMessage orderPlaced(Destination events, String orderId) {
    String payload = "{\"orderId\":\"" + orderId + "\",\"customer\":\"c\",\"seq\":0}";
    var id = MessageIds.next();
    Envelope e = new Envelope(id, ORDER_PLACED, events.domain(), orderId, id, null, Instant.now(),
        Envelope.NO_POSITION, Map.of(), payload.getBytes(StandardCharsets.UTF_8));
    return new OutgoingMessage(id, ORDER_PLACED, events, orderId, 0, Map.of(), EnvelopeCodec.encode(e));
  }

  private static InboxConsumer inbox(StorageFixture db, AppliedEvents applied, String subscriber, Clock clock,
      StaleMessagePolicy stale) {
    return InboxConsumer.builder(db.storage(), subscriber)
        .dispatchers(List.of(applied.recorder("applies", Set.of(ORDER_PLACED), AppliedEvents.ORDER_PLACED)))
        .config(InboxConfig.builder().clock(clock).cleanupRetention(RETENTION).staleMessages(stale).build()).build();
  }

  private static Subscription subscribe(KafkaTransport kafka, InboxConsumer inbox, Destination events)
      throws InterruptedException {
    Subscription s = inbox.subscribe(kafka, List.of(new Source(events, inbox.wireNames())), 1);
    assertThat(((KafkaSubscription) s).awaitAssignment(WAIT)).as("partitions assigned").isTrue();
    return s;
  }

  /** Moves the group back to the beginning of every partition, as an operator's offset reset would. */
  private static void rewind(Admin admin, String group, String topic) throws Exception {
    int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic)
        .partitions().size();
    Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      start.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        admin.alterConsumerGroupOffsets(group, start).all().get(15, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        // The group is not empty yet: the closed member is still leaving.
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}

package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig.StaleMessagePolicy;
import io.whizbang.runtime.sql.TestDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A message published longer ago than the inbox retention is not applied unseen: it may have been applied before. */
class StaleMessageTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static TestDelivery publishedAgo(Envelope e, Duration age) {
    TestDelivery d = TestDelivery.of(e);
    d.publishedAt = NOW.minus(age);
    return d;
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aMessageOlderThanTheRetentionIsParkedWithItsAgeAndAppliedOnceByAReplay(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b.clock(CLOCK).cleanupRetention(Duration.ofDays(7)));
      Envelope old = Steps.envelope("k", 0);
      Envelope recent = Steps.envelope("k", 1);
      TestDelivery stale = publishedAgo(old, Duration.ofDays(8).plusHours(3));
      TestDelivery fresh = publishedAgo(recent, Duration.ofDays(6));

      consumer.handle(List.of(stale, fresh));

      assertThat(stale.settledAs).isEqualTo("ack");
      assertThat(fresh.settledAs).isEqualTo("ack");
      assertThat(f.effectsByKey()).containsEntry("k", List.of(1));
      DeadLetter letter = consumer.deadLetters().list(0, 10).get(0);
      assertThat(letter.messageId()).isEqualTo(old.messageId());
      assertThat(letter.attempts()).isZero();
      assertThat(letter.reason()).isEqualTo("The message was published 8d 3h ago, longer than the inbox retention"
          + " (7d 0h): it may have been applied before and its inbox row cleaned up, so it was not applied. Replay"
          + " this dead letter to apply it, or set staleMessages(APPLY) to apply such replays");

      assertThat(consumer.deadLetters().replay(letter.id()).status()).isEqualTo(ReplayResult.Status.REPLAYED);
      assertThat(f.effectCount()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void anOldMessageHandledBeforeIsOnlyAcknowledged(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b.clock(CLOCK).cleanupRetention(Duration.ofDays(7)));
      Envelope e = Steps.envelope("k", 0);
      consumer.handle(List.of(publishedAgo(e, Duration.ofDays(1))));

      TestDelivery again = publishedAgo(e, Duration.ofDays(9));
      consumer.handle(List.of(again));

      assertThat(again.settledAs).isEqualTo("ack");
      assertThat(consumer.deadLetters().count()).isZero();
      assertThat(f.effectCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void whoOptsInAppliesOldMessages(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b.clock(CLOCK).cleanupRetention(Duration.ofDays(7))
          .staleMessages(StaleMessagePolicy.APPLY));
      TestDelivery stale = publishedAgo(Steps.envelope("k", 0), Duration.ofDays(30));

      consumer.handle(List.of(stale));

      assertThat(stale.settledAs).isEqualTo("ack");
      assertThat(f.effectCount()).isEqualTo(1);
      assertThat(consumer.deadLetters().count()).isZero();
    }
  }
}

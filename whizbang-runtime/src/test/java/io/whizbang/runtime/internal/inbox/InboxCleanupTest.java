package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.testfixtures.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InboxCleanupTest {

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void cleanupRemovesOnlyExpiredRowsInBatchesAndADuplicateWithinRetentionIsStillCaught(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      MovableClock clock = new MovableClock();
      InboxConsumer consumer = f.consumer(b -> b.clock(clock).cleanupRetention(Duration.ofDays(7))
          .cleanup(Duration.ofMinutes(1), 3));
      InboxConsumer other = f.consumer("other", b -> b.clock(clock));
      List<Envelope> old = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        old.add(Steps.envelope("k", i));
      }
      old.forEach(e -> consumer.handle(List.of(TestDelivery.of(e))));
      other.handle(List.of(TestDelivery.of(old.get(0))));
      clock.advance(Duration.ofDays(5));
      Envelope recent = Steps.envelope("k", 10);
      consumer.handle(List.of(TestDelivery.of(recent)));
      clock.advance(Duration.ofDays(2).plusSeconds(1));

      assertThat(consumer.cleaner().deleteExpired()).isEqualTo(10);
      assertThat(consumer.cleaner().deleteExpired()).isZero();

      assertThat(f.inboxRows()).as("the recent row, and the other consumer's row").isEqualTo(2);
      TestDelivery duplicate = TestDelivery.of(recent, 2);
      consumer.handle(List.of(duplicate));
      assertThat(duplicate.settledAs).isEqualTo("ack");
      assertThat(consumer.stats().duplicates()).isEqualTo(1);
      assertThat(f.effectCount()).isEqualTo(12);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void theScheduledCleanupRuns(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      MovableClock clock = new MovableClock();
      InboxConsumer consumer = f.consumer(b -> b.clock(clock).cleanupRetention(Duration.ofHours(1))
          .cleanup(Duration.ofMillis(20), 100));
      consumer.handle(List.of(TestDelivery.of(Steps.envelope("k", 0))));
      clock.advance(Duration.ofHours(2));

      consumer.cleaner().start();
      Await.until(Duration.ofSeconds(10), "the inbox row is cleaned up", () -> f.inboxRows() == 0);
      consumer.cleaner().close();
    }
  }
}

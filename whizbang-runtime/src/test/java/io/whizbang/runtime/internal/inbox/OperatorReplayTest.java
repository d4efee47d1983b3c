package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.Operations;
import io.whizbang.runtime.Operations.DeadLetterFilter;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.sql.TestDb;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An operator sees and acts on inbox dead letters through {@link Operations}; the subscriber does the replaying. */
class OperatorReplayTest {
  private static final InboxConfig.RetryPolicy ONCE = InboxConfig.RetryPolicy.builder().maxAttempts(1)
      .initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(10)).build();

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void requestedReplaysAreRunByTheSubscriberOnceInIdOrder(TestDb db) throws Exception {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.failAlways(step -> step.key().equals("order-1"));
      InboxConsumer consumer = f.consumer(b -> b.retryPolicy(ONCE));
      Envelope first = Steps.envelope("order-1", 0);
      consumer.handle(List.of(TestDelivery.of(first), TestDelivery.of(Steps.envelope("order-1", 1)),
          TestDelivery.of(Steps.envelope("order-2", 0))));
      Operations ops = Operations.of(f.storage.storage());

      List<DeadLetter> parked = ops.deadLetters(DeadLetter.Source.INBOX,
          new DeadLetterFilter("svc", Steps.WIRE_NAME, "order-1", Instant.now().minusSeconds(60), null), 0, 10);
      assertThat(parked).extracting(DeadLetter::partitionKey).containsExactly("order-1", "order-1");
      assertThat(parked.get(0).messageId()).isEqualTo(first.messageId());
      assertThat(ops.deadLetters(DeadLetter.Source.INBOX, new DeadLetterFilter("other", null, null, null, null), 0,
          10)).isEmpty();
      assertThat(ops.inboxStatus()).singleElement().satisfies(s -> {
        assertThat(s.subscriber()).isEqualTo("svc");
        assertThat(s.rows()).isEqualTo(3);          // two parked, one applied
        assertThat(s.deadLetters()).isEqualTo(2);
      });

      f.dispatcher.failAlways(step -> false);
      // Marked in reverse: the subscriber still replays them in id order, the order of their key.
      assertThat(ops.requestInboxReplay(parked.get(1).id())).isTrue();
      assertThat(ops.requestInboxReplay(parked.get(0).id())).isTrue();
      assertThat(ops.inboxStatus().get(0).replayRequested()).isEqualTo(2);
      assertThat(consumer.replayRequests().replayRequested()).isEqualTo(2);
      assertThat(consumer.replayRequests().replayRequested()).isZero();

      assertThat(f.effectsByKey()).isEqualTo(Map.of("order-2", List.of(0), "order-1", List.of(0, 1)));
      assertThat(ops.inboxStatus().get(0).deadLetters()).isZero();
      assertThat(ops.requestInboxReplay(parked.get(0).id())).isFalse();
      assertThat(ops.discardInboxDeadLetter(parked.get(0).id())).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aFailedRequestedReplayKeepsTheDeadLetterUnmarkedAndADiscardDropsIt(TestDb db) throws Exception {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.failAlways(step -> true);
      InboxConsumer consumer = f.consumer(b -> b.retryPolicy(ONCE));
      consumer.handle(List.of(TestDelivery.of(Steps.envelope("order-1", 0))));
      Operations ops = Operations.of(f.storage.storage());
      long id = ops.deadLetters(DeadLetter.Source.INBOX, DeadLetterFilter.all(), 0, 10).get(0).id();

      assertThat(ops.requestInboxReplay(id)).isTrue();
      assertThat(consumer.replayRequests().replayRequested()).isEqualTo(1);
      DeadLetter kept = ops.inboxDeadLetter(id).orElseThrow();
      assertThat(kept.reason()).startsWith("Replay failed:");
      assertThat(ops.inboxStatus().get(0).replayRequested()).isZero();
      assertThat(consumer.replayRequests().replayRequested()).isZero();

      assertThat(ops.discardInboxDeadLetter(id)).isTrue();
      assertThat(ops.inboxDeadLetter(id)).isEmpty();
      assertThat(f.effectCount()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void theCleanupCountsWhatItDeletes(TestDb db) throws InterruptedException {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b.retryPolicy(ONCE));
      consumer.handle(List.of(TestDelivery.of(Steps.envelope("order-1", 0)),
          TestDelivery.of(Steps.envelope("order-2", 0))));
      Operations ops = Operations.of(f.storage.storage());
      Thread.sleep(5); // a zero retention then covers the rows just written, whose received time is in the past

      assertThat(ops.cleanup(Duration.ZERO, Duration.ofDays(1), true).inboxRows()).isZero();
      Operations.CleanupCounts due = ops.cleanup(Duration.ZERO, Duration.ZERO, true);
      assertThat(due.inboxRows()).isEqualTo(2);
      assertThat(ops.cleanup(Duration.ZERO, Duration.ZERO, false)).isEqualTo(due);
      assertThat(f.inboxRows()).isZero();
      assertThatThrownBy(() -> ops.cleanup(Duration.ofSeconds(-1), Duration.ZERO, true))
          .hasMessageContaining("must not be negative");
    }
  }
}

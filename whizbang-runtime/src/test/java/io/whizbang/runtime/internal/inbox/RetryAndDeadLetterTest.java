package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.inbox.InboxStats;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryAndDeadLetterTest {
  private static final InboxConfig.RetryPolicy FAST = InboxConfig.RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(20))
      .maxDelay(Duration.ofMillis(50)).jitter(0.1).build();

  private static Subscription subscribe(InboxConsumer consumer, InMemoryTransport transport) {
    return consumer.subscribe(transport,
        List.of(new SubscriptionRequest.Source(Steps.DESTINATION, consumer.wireNames())), 2);
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aHandlerFailingTwiceThenSucceedingIsAppliedOnce(TestDb db) {
    try (InboxFixture f = new InboxFixture(db); InMemoryTransport transport = new InMemoryTransport()) {
      f.dispatcher.failTimes("order-1", 1, 2);
      InboxConsumer consumer = f.consumer(b -> b.retryPolicy(FAST));
      try (Subscription s = subscribe(consumer, transport)) {
        transport.publish(List.of(Steps.step("order-1", 0), Steps.step("order-1", 1), Steps.step("order-1", 2)));
        Await.until(Duration.ofSeconds(30), () -> "3 effects; " + consumer.stats(), () -> f.effectCount() == 3);
      }

      assertThat(f.effectsByKey()).isEqualTo(Map.of("order-1", List.of(0, 1, 2)));
      assertThat(consumer.stats()).isEqualTo(new InboxStats(3, 0, 2, 0, 0));
      assertThat(consumer.deadLetters().count()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aHandlerThatAlwaysFailsIsDeadLetteredAfterMaxAttemptsWhileOtherKeysFlow(TestDb db) {
    try (InboxFixture f = new InboxFixture(db); InMemoryTransport transport = new InMemoryTransport()) {
      f.dispatcher.failAlways(step -> step.key().equals("bad") && step.seq() == 1);
      InboxConsumer consumer = f.consumer(b -> b.retryPolicy(FAST));
      List<Envelope> sent = new ArrayList<>();
      for (int seq = 0; seq < 5; seq++) {
        for (String key : List.of("bad", "good-1", "good-2")) {
          sent.add(Steps.envelope(key, seq));
        }
      }
      try (Subscription s = subscribe(consumer, transport)) {
        transport.publish(sent.stream().map(Steps::message).toList());
        Await.until(Duration.ofSeconds(30), () -> "14 effects; " + consumer.stats(), () -> f.effectCount() == 14);
      }

      assertThat(f.effectsByKey()).isEqualTo(Map.of(
          "bad", List.of(0, 2, 3, 4), "good-1", List.of(0, 1, 2, 3, 4), "good-2", List.of(0, 1, 2, 3, 4)));
      assertThat(consumer.stats()).isEqualTo(new InboxStats(14, 0, 2, 1, 0));
      List<DeadLetter> letters = consumer.deadLetters().list(0, 10);
      assertThat(letters).hasSize(1);
      DeadLetter letter = letters.get(0);
      Envelope poisoned = sent.get(3);
      assertThat(letter.messageId()).isEqualTo(poisoned.messageId());
      assertThat(letter.owner()).isEqualTo("svc");
      assertThat(letter.wireName()).isEqualTo(Steps.WIRE_NAME);
      assertThat(letter.partitionKey()).isEqualTo("bad");
      assertThat(letter.attempts()).isEqualTo(3);
      assertThat(letter.reason()).isEqualTo("Handling failed 3 time(s); the last failure: IllegalStateException: "
          + "the handler of Step[key=bad, seq=1] is broken");
      assertThat(letter.stackTrace()).contains("StepDispatcher.handle");
      assertThat(EnvelopeCodec.decode(letter.body())).isEqualTo(poisoned);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aReplayAfterTheFixIsAppliedOnce(TestDb db) throws Exception {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.failAlways(step -> true);
      InboxConsumer consumer = f.consumer(b -> b.retryPolicy(FAST.toBuilder().maxAttempts(1).build()));
      Envelope step = Steps.envelope("order-1", 7);
      consumer.handle(List.of(TestDelivery.of(step)));
      long id = consumer.deadLetters().list(0, 10).get(0).id();

      ReplayResult stillBroken = consumer.deadLetters().replay(id);
      assertThat(stillBroken.status()).isEqualTo(ReplayResult.Status.FAILED);
      assertThat(stillBroken.reason()).contains("is broken");
      assertThat(consumer.deadLetters().find(id).orElseThrow().attempts()).isEqualTo(2);

      f.dispatcher.failAlways(s -> false);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<ReplayResult>> results = IntStream.range(0, 3)
            .mapToObj(i -> pool.submit(() -> consumer.deadLetters().replay(id))).toList();
        List<ReplayResult.Status> statuses = new ArrayList<>();
        for (Future<ReplayResult> r : results) {
          statuses.add(r.get().status());
        }
        assertThat(statuses).containsExactlyInAnyOrder(ReplayResult.Status.REPLAYED, ReplayResult.Status.NOT_FOUND,
            ReplayResult.Status.NOT_FOUND);
      } finally {
        pool.shutdownNow();
      }
      assertThat(f.effectCount()).isEqualTo(1);
      assertThat(consumer.deadLetters().count()).isZero();
      assertThat(consumer.deadLetters().replay(id).status()).isEqualTo(ReplayResult.Status.NOT_FOUND);

      TestDelivery lateRedelivery = TestDelivery.of(step, 3);
      consumer.handle(List.of(lateRedelivery));
      assertThat(lateRedelivery.settledAs).isEqualTo("ack");
      assertThat(f.effectCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aReplayNeverAppliesAMessageTheConsumerAppliedMeanwhile(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      java.time.Clock start = java.time.Clock.fixed(java.time.Instant.parse("2026-11-01T00:00:00Z"),
          java.time.ZoneOffset.UTC);
      f.dispatcher.failTimes("order-1", 7, 1);
      InboxConsumer parking = f.consumer(b -> b.clock(start)
          .retryPolicy(FAST.toBuilder().maxAttempts(1).build()));
      Envelope step = Steps.envelope("order-1", 7);
      parking.handle(List.of(TestDelivery.of(step)));
      long id = parking.deadLetters().list(0, 10).get(0).id();

      // A week later the parked message's inbox row has expired; a replay from the broker (or any redelivery)
      // then applies the message, the handler being fixed by now.
      java.time.Clock later = java.time.Clock.offset(start, Duration.ofDays(7).plusSeconds(1));
      InboxConsumer consumer = f.consumer(b -> b.clock(later).retryPolicy(FAST));
      assertThat(consumer.cleaner().deleteExpired()).isEqualTo(1);
      TestDelivery redelivered = TestDelivery.of(step, 1);
      consumer.handle(List.of(redelivered));
      assertThat(redelivered.settledAs).isEqualTo("ack");
      assertThat(f.effectCount()).isEqualTo(1);

      ReplayResult replay = consumer.deadLetters().replay(id);

      assertThat(replay.status()).isEqualTo(ReplayResult.Status.FAILED);
      assertThat(replay.reason()).isEqualTo("Message " + step.messageId() + " was already handled by 'svc'; the"
          + " dead letter is kept");
      assertThat(f.effectCount()).as("applied once").isEqualTo(1);
      assertThat(consumer.deadLetters().count()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aDeadLetterCanBeDeleted(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      InboxConsumer consumer = f.consumer(b -> b);
      consumer.handle(List.of(new TestDelivery("not json".getBytes(), "k", 1)));
      long id = consumer.deadLetters().list(0, 10).get(0).id();

      assertThat(consumer.deadLetters().discard(id)).isTrue();
      assertThat(consumer.deadLetters().discard(id)).isFalse();
      assertThat(consumer.deadLetters().count()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void retryPolicyOverridesApplyPerWireNameAndHandler(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.failAlways(step -> true);
      InboxConsumer byHandler = f.consumer("a", b -> b.retryPolicy(FAST)
          .retryPolicyForHandler("StepHandlers", FAST.toBuilder().maxAttempts(2).build()));
      InboxConsumer byWire = f.consumer("b", b -> b.retryPolicy(FAST)
          .retryPolicyForHandler("StepHandlers", FAST.toBuilder().maxAttempts(2).build())
          .retryPolicyForWireName(Steps.WIRE_NAME, FAST.toBuilder().maxAttempts(1).build()));
      Envelope step = Steps.envelope("k", 0);

      TestDelivery first = TestDelivery.of(step, 1);
      byHandler.handle(List.of(first));
      TestDelivery second = TestDelivery.of(step, 2);
      byHandler.handle(List.of(second));
      TestDelivery only = TestDelivery.of(step, 1);
      byWire.handle(List.of(only));

      assertThat(first.settledAs).isEqualTo("release");
      assertThat(first.releaseDelay).isBetween(Duration.ofMillis(18), Duration.ofMillis(22));
      assertThat(second.settledAs).isEqualTo("ack");
      assertThat(byHandler.deadLetters().list(0, 1).get(0).attempts()).isEqualTo(2);
      assertThat(only.settledAs).isEqualTo("ack");
      assertThat(byWire.deadLetters().list(0, 1).get(0).attempts()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aFailureInABatchRollsBackAndTheOthersAreAppliedOnceInOrder(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.failTimes("b", 0, 2); // once in the shared transaction, once alone
      InboxConsumer consumer = f.consumer(b -> b.maxBatch(10).retryPolicy(FAST));
      List<TestDelivery> batch = List.of(TestDelivery.of(Steps.envelope("a", 0)),
          TestDelivery.of(Steps.envelope("b", 0)), TestDelivery.of(Steps.envelope("c", 0)),
          TestDelivery.of(Steps.envelope("b", 1)), TestDelivery.of(Steps.envelope("a", 1)));

      consumer.handle(List.copyOf(batch));

      assertThat(batch.stream().map(d -> d.settledAs).toList())
          .containsExactly("ack", "release", "ack", "release", "ack");
      assertThat(f.effectsByKey()).isEqualTo(Map.of("a", List.of(0, 1), "c", List.of(0)));
      assertThat(consumer.stats()).isEqualTo(new InboxStats(3, 0, 1, 0, 0));
    }
  }
}

package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An attempt is a handler run: the inbox counts failed runs durably and decides retries and dead letters from that
 * count alone, whatever the broker's delivery count says and whichever instance ran the message before.
 */
class AttemptCountTest {
  private static final InboxConfig.RetryPolicy THREE = InboxConfig.RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(20))
      .maxDelay(Duration.ofMillis(50)).jitter(0).build();

  private static String runsTable(InboxFixture f) {
    return StorageInternals.tables(f.storage.storage()).table("inbox_attempts");
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aMessageReleasedUnhandledBehindItsKeySpendsNoAttempt(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.failTimes("k", 0, 3).failTimes("k", 1, 1);
      InboxConsumer consumer = f.consumer(b -> b.retryPolicy(THREE.toBuilder().maxAttempts(4).build()));
      Envelope first = Steps.envelope("k", 0);
      Envelope second = Steps.envelope("k", 1);

      // Both arrive together three times (the broker's count rises each time); the second waits behind the first.
      for (int delivery = 1; delivery <= 3; delivery++) {
        TestDelivery a = TestDelivery.of(first, delivery);
        TestDelivery b = TestDelivery.of(second, delivery);
        consumer.handle(List.of(a, b));
        assertThat(a.settledAs).as("first message, delivery %d", delivery).isEqualTo("release");
        assertThat(b.settledAs).as("second message, delivery %d", delivery).isEqualTo("release");
      }
      // The first succeeds; the second's first run fails: a broker-count rule would see attempt 4 of 4 and park it.
      TestDelivery firstDone = TestDelivery.of(first, 4);
      TestDelivery firstRun = TestDelivery.of(second, 4);
      consumer.handle(List.of(firstDone, firstRun));
      TestDelivery secondRun = TestDelivery.of(second, 5);
      consumer.handle(List.of(secondRun));

      assertThat(firstDone.settledAs).isEqualTo("ack");
      assertThat(firstRun.settledAs).isEqualTo("release");
      assertThat(secondRun.settledAs).isEqualTo("ack");
      assertThat(consumer.deadLetters().count()).isZero();
      assertThat(f.effectsByKey()).isEqualTo(Map.of("k", List.of(0, 1)));
      assertThat(f.storage.count("select count(*) from " + runsTable(f))).as("counts left").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void failedRunsAreCountedAcrossInstancesAndTheDeadLetterStatesTheTrueCount(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.failAlways(step -> true);
      Envelope step = Steps.envelope("k", 0);
      // Three instances of one service, each handed the message once (a broker that does not count, or a
      // hand-over after each failure): each sees delivery count 1.
      for (int instance = 1; instance <= 3; instance++) {
        InboxConsumer consumer = f.consumer(b -> b.retryPolicy(THREE));
        TestDelivery d = TestDelivery.of(step, 1);
        consumer.handle(List.of(d));
        assertThat(d.settledAs).as("instance %d", instance).isEqualTo(instance < 3 ? "release" : "ack");
        consumer.close();
      }

      InboxConsumer reader = f.consumer(b -> b);
      List<DeadLetter> letters = reader.deadLetters().list(0, 10);
      assertThat(letters).hasSize(1);
      assertThat(letters.get(0).attempts()).isEqualTo(3);
      assertThat(letters.get(0).reason()).startsWith("Handling failed 3 time(s); the last failure:");
      assertThat(f.dispatcher.calls()).isEqualTo(3);
      assertThat(f.storage.count("select count(*) from " + runsTable(f))).as("counts left").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aPermanentFailureAfterTransientOnesIsParkedWithItsTrueCount(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.throwInOrder("k", 0, new IllegalStateException("database busy"),
          new CodecException("the stored reference cannot be read"));
      InboxConsumer consumer = f.consumer(b -> b.retryPolicy(THREE));
      Envelope step = Steps.envelope("k", 0);

      TestDelivery first = TestDelivery.of(step, 1);
      consumer.handle(List.of(first));
      TestDelivery second = TestDelivery.of(step, 2);
      consumer.handle(List.of(second));

      assertThat(first.settledAs).isEqualTo("release");
      assertThat(second.settledAs).isEqualTo("ack");
      DeadLetter letter = consumer.deadLetters().list(0, 1).get(0);
      assertThat(letter.attempts()).isEqualTo(2);
      assertThat(letter.reason()).isEqualTo("CodecException: the stored reference cannot be read");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aMessageThatStopsTheProcessOnEveryRunIsParkedOnceItsRunsAreUsedUp(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      // An Error out of the handler stands for a run that never returns: nothing after the run is written.
      f.dispatcher.throwInOrder("k", 0, new StackOverflowError("run 1"), new StackOverflowError("run 2"),
          new StackOverflowError("run 3"), new StackOverflowError("run 4"));
      InboxConsumer consumer = f.consumer(b -> b.retryPolicy(THREE));
      Envelope step = Steps.envelope("k", 0);

      // The first delivery's run cannot be counted; each redelivery's run is counted before it starts.
      for (int delivery = 1; delivery <= 4; delivery++) {
        TestDelivery d = TestDelivery.of(step, delivery);
        assertThatThrownBy(() -> consumer.handle(List.of(d))).isInstanceOf(StackOverflowError.class);
      }
      TestDelivery last = TestDelivery.of(step, 5);
      consumer.handle(List.of(last));

      assertThat(last.settledAs).isEqualTo("ack");
      assertThat(f.dispatcher.calls()).as("handler runs").isEqualTo(4);
      DeadLetter letter = consumer.deadLetters().list(0, 1).get(0);
      assertThat(letter.attempts()).isEqualTo(3);
      assertThat(letter.reason()).isEqualTo("Handling was started 3 time(s) without success (runs that stopped the"
          + " process count too); it was not run again");
      assertThat(f.effectCount()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void countsOfMessagesFinishedElsewhereAreDeletedByTheCleanup(TestDb db) {
    try (InboxFixture f = new InboxFixture(db)) {
      f.dispatcher.failTimes("k", 0, 1);
      Clock start = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
      InboxConsumer failing = f.consumer(b -> b.retryPolicy(THREE).clock(start));
      failing.handle(List.of(TestDelivery.of(Steps.envelope("k", 0), 1)));
      assertThat(f.storage.count("select count(*) from " + runsTable(f))).isEqualTo(1);

      Clock later = Clock.offset(start, Duration.ofDays(7).plusSeconds(1));
      InboxConsumer cleaning = f.consumer(b -> b.retryPolicy(THREE).clock(later));
      cleaning.cleaner().deleteExpired();

      assertThat(f.storage.count("select count(*) from " + runsTable(f))).isZero();
    }
  }
}

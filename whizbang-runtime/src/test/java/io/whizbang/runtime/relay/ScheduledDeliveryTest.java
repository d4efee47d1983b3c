package io.whizbang.runtime.relay;

import static io.whizbang.runtime.outbox.Messages.body;
import static io.whizbang.runtime.outbox.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.ScheduledMessage;
import io.whizbang.runtime.SendOptions;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.outbox.ScheduledOutbox;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.TransportLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scheduled messages wait in the outbox's schedule and the relay moves them into the outbox when the database's
 * clock says they are due: never before, in their key's order at that moment, not at all once cancelled, and also
 * when the relay that was running at scheduling time is gone by then.
 */
class ScheduledDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static RelayConfig fast() {
    return RelayConfig.builder().publishInterval(Duration.ofMillis(100)).leaseDuration(Duration.ofSeconds(1))
        .confirmTimeout(Duration.ofMillis(500)).publishedRetention(Duration.ofHours(1)).build();
  }

  private static ScheduledMessage schedule(StorageFixture fixture, OutgoingMessage m, SendOptions options) {
    ScheduledOutbox scheduled = new ScheduledOutbox(fixture.storage(), TransportLimits.NONE);
    return fixture.storage().inTransaction(tx -> scheduled.schedule(tx.connection(), m, options));
  }

  private static boolean cancel(StorageFixture fixture, ScheduledMessage handle) {
    ScheduledOutbox scheduled = new ScheduledOutbox(fixture.storage(), TransportLimits.NONE);
    return fixture.storage().inTransaction(tx -> scheduled.cancel(tx.connection(), handle.messageId()));
  }

  private static void append(StorageFixture fixture, OutgoingMessage m) {
    Outbox outbox = new Outbox(fixture.storage());
    fixture.storage().inTransaction(tx -> {
      outbox.append(tx, List.of(m));
      return null;
    });
  }

  private static List<String> published(ScriptedTransport transport) {
    synchronized (transport.confirmed()) {
      return transport.confirmed().stream().map(m -> body(m)).toList();
    }
  }

  /** The database time at which the relay moved {@code handle}'s message into the outbox. */
  private static long movedAtMillis(StorageFixture fixture, ScheduledMessage handle) {
    return fixture.count("select created_at_ms from " + StorageInternals.tables(fixture.storage()).outbox()
        + " where message_id = '" + handle.messageId() + "'");
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aScheduledMessageTakesItsPlaceInItsKeysOrderWhenDueAndACancelledOneNeverGoes(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport, fast())) {
      relay.start();
      append(fixture, message("k", 1));
      ScheduledMessage due = schedule(fixture, message("k", 3), SendOptions.defaults()
          .deliverAfter(Duration.ofMillis(1500)));
      ScheduledMessage cancelled = schedule(fixture, message("k", 99), SendOptions.defaults()
          .deliverAfter(Duration.ofMillis(1500)));
      append(fixture, message("k", 2));           // written after the schedule, before it is due: goes first
      assertThat(cancel(fixture, cancelled)).as("cancel while waiting").isTrue();
      assertThat(cancel(fixture, cancelled)).as("cancel twice").isFalse();

      Await.until(WAIT, "k:1 and k:2 published", () -> published(transport).size() == 2);
      assertThat(published(transport)).containsExactly("k:1", "k:2");
      Await.until(WAIT, "the due message published", () -> published(transport).size() == 3);
      append(fixture, message("k", 4));           // written after it became due: goes after it
      Await.until(WAIT, "k:4 published", () -> published(transport).size() == 4);

      assertThat(published(transport)).containsExactly("k:1", "k:2", "k:3", "k:4");
      assertThat(movedAtMillis(fixture, due)).as("moved, by the database's clock, not before it was due")
          .isGreaterThanOrEqualTo(due.dueAt().toEpochMilli());
      assertThat(cancel(fixture, due)).as("cancel once moved to the outbox").isFalse();
      assertThat(fixture.count("select count(*) from "
          + StorageInternals.tables(fixture.storage()).outboxScheduled())).as("schedule left").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aMessageThatBecameDueWhileNoRelayRanIsPublishedByTheNextRelay(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport()) {
      ScheduledMessage handle;
      try (Relay first = new Relay(fixture.storage(), transport, fast())) {
        first.start();
        handle = schedule(fixture, message("r", 1), SendOptions.defaults().deliverAfter(Duration.ofMillis(800)));
        Await.until(WAIT, "the first relay leases partitions", () -> !first.stats().leasedPartitions().isEmpty());
      }                                              // stopped before the message is due
      Thread.sleep(1200);                            // due now, with no relay running
      assertThat(published(transport)).isEmpty();

      try (Relay second = new Relay(fixture.storage(), transport, fast())) {
        second.start();
        Await.until(WAIT, "published by the restarted relay", () -> published(transport).size() == 1);
      }
      assertThat(published(transport)).containsExactly("r:1");
      assertThat(movedAtMillis(fixture, handle)).isGreaterThanOrEqualTo(handle.dueAt().toEpochMilli());
    }
  }
}

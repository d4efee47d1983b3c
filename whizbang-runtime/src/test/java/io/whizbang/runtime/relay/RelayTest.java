package io.whizbang.runtime.relay;

import static io.whizbang.runtime.outbox.Messages.body;
import static io.whizbang.runtime.outbox.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.relay.ScriptedTransport.Outcome;
import io.whizbang.runtime.sql.Await;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RelayTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  static RelayConfig.Builder fast() {
    return RelayConfig.builder()
        .publishInterval(Duration.ofMillis(50))
        .leaseDuration(Duration.ofSeconds(1))
        .confirmTimeout(Duration.ofMillis(300))
        .backoff(Duration.ofMillis(20), Duration.ofMillis(100))
        .cleanupInterval(Duration.ofMillis(100));
  }

  private static void append(StorageFixture fixture, List<OutgoingMessage> messages) {
    Outbox outbox = new Outbox(fixture.storage());
    fixture.storage().inTransaction(tx -> {
      outbox.append(tx, messages);
      return null;
    });
  }

  private static Set<UUID> ids(List<OutgoingMessage> messages) {
    return messages.stream().map(OutgoingMessage::messageId).collect(Collectors.toSet());
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void marksOnlyConfirmedRowsAndRetriesFailuresUntilConfirmed(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport, fast().publishedRetention(Duration.ofHours(1)).build())) {
      List<OutgoingMessage> messages = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        messages.add(message("k" + (i % 4), i));
      }
      Set<UUID> flaky = new HashSet<>();
      for (int i = 0; i < 20; i += 5) {
        flaky.add(messages.get(i).messageId());
      }
      transport.script((m, offered) -> flaky.contains(m.messageId()) && offered < 2 ? Outcome.FAIL : Outcome.CONFIRM);
      append(fixture, messages);
      relay.start();

      Await.until(WAIT, "all 20 confirmed", () -> ids(transport.confirmed()).size() == 20);
      Await.until(WAIT, "all marked", () -> fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox()
          + " where published_at_ms is not null") == 20);
      for (UUID id : flaky) {
        assertThat(transport.offers(id)).as("offers of a message failing twice").isEqualTo(3);
      }
      assertThat(relay.stats().retried()).isEqualTo(8);
      assertThat(relay.stats().published()).isEqualTo(20);
      assertThat(fixture.count("select sum(attempts) from " + StorageInternals.tables(fixture.storage()).outbox())).isEqualTo(20 + 8);
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outboxDeadLetters())).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void relaysBuiltFromOneConfigEachHaveTheirOwnIdentity(TestDb db) throws Exception {
    RelayConfig shared = fast().build();
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay first = new Relay(fixture.storage(), transport, shared);
        Relay second = new Relay(fixture.sibling(), transport, shared)) {
      assertThat(first.id()).startsWith(shared.relayId() + "-").isNotEqualTo(second.id());
      first.start();
      second.start();

      // Each takes its share of the partitions under its own name.
      String owners = "select count(distinct owner) from " + StorageInternals.tables(fixture.storage()).outboxPartitions()
          + " where owner in ('" + first.id() + "', '" + second.id() + "')";
      Await.until(WAIT, "both relays lease partitions", () -> fixture.count(owners) == 2);
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outboxRelays()))
          .as("relays announced").isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aFailingDestinationWithMoreWaitingRowsThanABatchHoldsOnlyItselfWhileHealthyRowsFlow(TestDb db)
      throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        // A long backoff: the failing rows stay blocked for the whole test.
        Relay relay = new Relay(fixture.storage(), transport, fast().batchSize(20)
            .backoff(Duration.ofSeconds(30), Duration.ofSeconds(60)).build())) {
      io.whizbang.runtime.transport.Destination down = io.whizbang.runtime.transport.Destination.events("down");
      transport.script((m, offered) -> m.destination().equals(down) ? Outcome.FAIL : Outcome.CONFIRM);
      List<OutgoingMessage> blocked = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        // Three batches' worth of one key on the failing destination, and one row of key k0 there too.
        OutgoingMessage m = message(i == 0 ? "k0" : "blocked", i);
        blocked.add(new OutgoingMessage(m.messageId(), m.wireName(), down, m.partitionKey(), 0, m.headers(),
            m.body()));
      }
      List<OutgoingMessage> healthy = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        healthy.add(message("k" + (i % 10), i)); // destination orders.events, k0 included
      }
      append(fixture, blocked);
      append(fixture, healthy);
      relay.start();

      Await.until(Duration.ofSeconds(10), () -> "healthy rows confirmed: " + transport.confirmed().size(),
          () -> ids(transport.confirmed()).containsAll(ids(healthy)));
      assertThat(transport.confirmed()).extracting(m -> m.destination()).doesNotContain(down);
      assertThat(blocked.stream().filter(m -> transport.offers(m.messageId()) > 0).count())
          .as("failing rows offered: the first batch only, the rows behind them wait").isLessThanOrEqualTo(20);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aTimedOutConfirmationIsRecordedAndRetried(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport,
            fast().backoff(Duration.ofMillis(1500), Duration.ofSeconds(3)).build())) {
      OutgoingMessage m = message("slow", 1);
      transport.script((msg, offered) -> offered == 0 ? Outcome.TIMEOUT : Outcome.CONFIRM);
      append(fixture, List.of(m));
      relay.start();

      String table = StorageInternals.tables(fixture.storage()).outbox();
      Await.until(WAIT, "the timeout recorded", () -> fixture.count("select count(*) from " + table
          + " where attempts = 1 and last_error like '%did not confirm within%' and published_at_ms is null") == 1);
      assertThat(fixture.count("select count(*) from " + table + " where next_attempt_at_ms > created_at_ms"))
          .as("next attempt scheduled after a backoff").isEqualTo(1);
      Await.until(WAIT, "the retry confirmed", () -> transport.confirmed().size() == 1);
      assertThat(transport.offers(m.messageId())).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aMessageRefusedForGoodIsParkedAtOnceWithItsReasonAndOthersFlow(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        // SKIP: the later rows of the poison's key go on without it (the default holds them, OutboxDeadLettersTest)
        Relay relay = new Relay(fixture.storage(), transport,
            fast().maxAttempts(3).deadLetterPolicy(RelayConfig.DeadLetterPolicy.SKIP).build())) {
      OutgoingMessage poison = message("bad", 1);
      transport.script((m, offered) -> m.messageId().equals(poison.messageId()) ? Outcome.REJECT : Outcome.CONFIRM);
      append(fixture, List.of(poison, message("good", 1), message("good", 2)));
      relay.start();

      String dead = StorageInternals.tables(fixture.storage()).outboxDeadLetters();
      Await.until(WAIT, "the poison parked", () -> fixture.count("select count(*) from " + dead) == 1);
      append(fixture, List.of(message("bad", 2)));
      Await.until(WAIT, "the others published", () -> transport.confirmed().size() == 3);

      assertThat(transport.confirmed()).extracting(m -> body(m)).containsExactlyInAnyOrder("good:1", "good:2", "bad:2");
      assertThat(transport.offers(poison.messageId())).as("a permanent refusal is not retried").isEqualTo(1);
      assertThat(relay.stats().parked()).isEqualTo(1);
      try (Connection c = fixture.connection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("select message_id, attempts, reason, body from " + dead)) {
        assertThat(r.next()).isTrue();
        assertThat(r.getObject(1, UUID.class)).isEqualTo(poison.messageId());
        assertThat(r.getInt(2)).isEqualTo(1);
        assertThat(r.getString(3)).contains("Refused permanently at attempt 1").contains("message too large");
        assertThat(r.getBytes(4)).isEqualTo(poison.body());
      }
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox()
          + " where message_id = '" + poison.messageId() + "'")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aKeyWaitingForARetryHoldsBackItsLaterMessagesButNotOtherKeys(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport,
            fast().backoff(Duration.ofMillis(600), Duration.ofMillis(600)).build())) {
      OutgoingMessage first = message("held", 1);
      transport.script((m, offered) -> m.messageId().equals(first.messageId()) && offered < 2
          ? Outcome.FAIL : Outcome.CONFIRM);
      relay.start();
      append(fixture, List.of(first));
      Await.until(WAIT, "the first failure", () -> transport.offers(first.messageId()) >= 1);
      append(fixture, List.of(message("held", 2), message("free", 1)));

      Await.until(WAIT, "everything confirmed", () -> transport.confirmed().size() == 3);
      assertThat(transport.confirmed()).extracting(m -> body(m)).containsExactly("free:1", "held:1", "held:2");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void publishedRowsAreCleanedUpInBoundedBatches(TestDb db) throws Exception {
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport, fast().cleanupBatch(7).build())) {
      List<OutgoingMessage> messages = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        messages.add(message("k" + (i % 10), i));
      }
      append(fixture, messages);
      relay.start();
      Await.until(WAIT, "all published and cleaned", () -> relay.stats().cleaned() == 100);
      assertThat(fixture.count("select count(*) from " + StorageInternals.tables(fixture.storage()).outbox())).isZero();
      assertThat(ids(transport.confirmed())).hasSize(100);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aCommitInThisProcessWakesTheRelayBeforeItsNextPoll(TestDb db) throws Exception {
    RelayConfig slow = fast().publishInterval(Duration.ofHours(1)).leaseDuration(Duration.ofSeconds(60))
        .confirmTimeout(Duration.ofSeconds(1)).build();
    try (StorageFixture fixture = StorageFixture.create(db);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.storage(), transport, slow)) {
      relay.start();
      Await.until(WAIT, "partitions leased", () -> relay.stats().leasedPartitions().size() == 32);
      Thread.sleep(100);
      append(fixture, List.of(message("k", 1)));
      Await.until(Duration.ofSeconds(5), "published on the commit signal", () -> transport.confirmed().size() == 1);
    }
  }

  /** What the writer does in "another process": its storage shares no in-process signal with the relay's. */
  private interface Writer {
    void write(StorageFixture fixture, ScriptedTransport transport) throws Exception;
  }

  /**
   * A relay of another process (a sibling storage: no shared in-process signal), polling only once an hour: only a
   * PostgreSQL notification can make it publish {@code expected} messages within seconds.
   */
  private static void relayOfAnotherProcessPublishes(int expected, Writer writer) throws Exception {
    RelayConfig slow = fast().publishInterval(Duration.ofHours(1)).leaseDuration(Duration.ofSeconds(60))
        .confirmTimeout(Duration.ofSeconds(1)).build();
    try (StorageFixture fixture = StorageFixture.create(TestDb.POSTGRES);
        ScriptedTransport transport = new ScriptedTransport();
        Relay relay = new Relay(fixture.sibling(), transport, slow)) {
      relay.start();
      Await.until(WAIT, "partitions leased", () -> relay.stats().leasedPartitions().size() == 32);
      Thread.sleep(300);                                       // LISTEN is registered
      writer.write(fixture, transport);
      Await.until(Duration.ofSeconds(5), "published on NOTIFY", () -> transport.confirmed().size() == expected);
    }
  }

  @Test
  void onPostgresACommitInAnotherProcessWakesTheRelayThroughNotify() throws Exception {
    relayOfAnotherProcessPublishes(2, (fixture, transport) -> {
      try (Connection c = fixture.connection()) {
        c.setAutoCommit(false);
        new Outbox(fixture.storage()).append(c, List.of(message("k", 1), message("k", 2)));
        c.commit();                                            // plain JDBC: no in-process signal
      }
    });
  }

  @Test
  void onPostgresATransactionHeldOpenWakesRelaysOfOtherProcessesWhenItCommitsLate() throws Exception {
    relayOfAnotherProcessPublishes(1, (fixture, transport) -> {
      try (Connection c = fixture.connection()) {
        c.setAutoCommit(false);
        new Outbox(fixture.storage()).append(c, List.of(message("k", 1)));
        Thread.sleep(700);                                     // the notifier watches the open transaction
        assertThat(transport.confirmed()).isEmpty();
        c.commit();
      }
    });
  }

  @Test
  void onPostgresAStorageTransactionWakesRelaysOfOtherProcesses() throws Exception {
    relayOfAnotherProcessPublishes(2, (fixture, transport) -> {
      Outbox outbox = new Outbox(fixture.storage());
      fixture.storage().inTransaction(tx -> {
        outbox.append(tx, List.of(message("k", 1), message("k", 2)));
        return null;
      });
    });
  }
}

package io.whizbang.runtime.projection;

import io.whizbang.runtime.projection.ProjectionEngine.UndecodableEventPolicy;
import io.whizbang.runtime.sql.StorageInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.DeadLetters;
import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.internal.DeadLetterLog;
import io.whizbang.runtime.projection.AccountsProjection.Account;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.store.StoredEvent;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.testfixtures.CapturedLogs;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An event a projection cannot decode (here: an amount written as text, which the event type reads only from its
 * next version) follows the projection's {@link UndecodableEventPolicy}, from the feed and live alike: by default it
 * stops in FAILED with the event named in its status; with PARK it is parked in the projection's dead letters, counted
 * in its status, and the projection goes on. Never a silent stall, never a silent skip.
 */
class UndecodableEventTest {
  private final InMemoryTransport broker = new InMemoryTransport();
  private final List<ProjectionProgress> reports = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final String name = "undecodable-" + UUID.randomUUID().toString().substring(0, 8);
  private OwnerService owner;
  private StorageFixture projectionDb;
  private AccountsProjection accounts;
  private AccountsProjection_Dispatcher dispatcher;

  private void start(TestDb db) {
    owner = new OwnerService(db).relayTo(broker);
    open.add(owner);
    projectionDb = StorageFixture.create(db);
    open.add(projectionDb);
    accounts = new AccountsProjection(projectionDb.storage());
    dispatcher = new AccountsProjection_Dispatcher(accounts, name);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    broker.close();
  }

  private ProjectionEngine engine(UnaryOperator<ProjectionEngine.Builder> options) {
    return options.apply(ProjectionEngine.builder(projectionDb.storage(), broker)
        .registerDomain(Deposits.DOMAIN, ProjectionEngine.Source.feed(owner.feedUri()))
        .retry(3, Duration.ofMillis(1), Duration.ofMillis(5))
        .progressListener(reports::add)).build();
  }

  private RunningProjection startProjection(ProjectionEngine engine) {
    RunningProjection running = engine.start(dispatcher);
    open.add(running);
    return running;
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void fromTheFeedTheDefaultStopsAtTheEventAndNamesItInTheStatus(TestDb db) throws Exception {
    start(db);
    deposits("acc-0", 3);
    EventCursor bad = badThird("acc-bad");
    deposits("acc-1", 3);
    owner.fixture().awaitReadFence();

    RunningProjection failing = startProjection(engine(b -> b));
    assertThatThrownBy(() -> failing.awaitLive(Duration.ofSeconds(30)))
        .isInstanceOf(ProjectionFailedException.class)
        .hasMessageStartingWith("Projection '" + name + "' cannot decode Envelope[bank.Deposited ")
        .hasMessageContaining("key=acc-bad] at cursor " + bad.token() + ": Cannot decode bank.Deposited: ")
        .hasMessageContaining("It stops here (UndecodableEventPolicy.STOP)")
        .hasRootCauseInstanceOf(com.fasterxml.jackson.core.JsonParseException.class)
        .satisfies(e -> assertThat(e).hasStackTraceContaining(CodecException.class.getName()));
    ProjectionProgress status = failing.progress();
    assertThat(status.phase()).isEqualTo(RunningProjection.Phase.FAILED);
    assertThat(status.failure()).isEqualTo(failing.failure().getMessage());
    assertThat(status.parked()).isZero();
    awaitReport(p -> p.phase() == RunningProjection.Phase.FAILED && p.failure().contains(bad.token()));
    // Everything before the event, nothing from it on; nothing parked.
    assertThat(accounts.accounts()).containsOnly(
        Map.entry("acc-0", new Account(3, 3, 30, 0)), Map.entry("acc-bad", new Account(2, 2, 20, 0)));
    assertThat(engine(b -> b).deadLetters(dispatcher).count()).isZero();
    failing.close();

    dispatcher.readsTextAmounts = true; // the fix: the event type's next version
    RunningProjection fixed = startProjection(engine(b -> b));
    assertThat(fixed.awaitLive(Duration.ofSeconds(30))).isTrue();
    assertThat(accounts.accounts()).containsOnly(Map.entry("acc-0", new Account(3, 3, 30, 0)),
        Map.entry("acc-bad", new Account(3, 3, 30, 0)), Map.entry("acc-1", new Account(3, 3, 30, 0)));
    assertThat(accounts.applications()).hasSize(9).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void fromTheFeedParkKeepsTheEventAndGoesOnAndAReplayAppliesItOnceFixed(TestDb db) throws Exception {
    start(db);
    deposits("acc-0", 3);
    EventCursor bad = badThird("acc-bad");
    deposits("acc-1", 3);
    owner.fixture().awaitReadFence();
    ProjectionEngine parking = engine(b -> b.onUndecodableEvent(name, UndecodableEventPolicy.PARK));

    RunningProjection running = startProjection(parking);
    assertThat(running.awaitLive(Duration.ofSeconds(30))).isTrue();
    assertThat(running.progress().parked()).isEqualTo(1);
    // The handler ran with the projection's name and the event's ids in the MDC.
    assertThat(accounts.lastLogContext).containsEntry("wb.projection", name).containsKey("wb.messageId")
        .containsEntry("wb.wireName", Deposits.DEPOSITED).doesNotContainKey("wb.subscriber");
    assertThat(running.progress().failure()).isNull();
    assertThat(accounts.accounts()).containsOnly(Map.entry("acc-0", new Account(3, 3, 30, 0)),
        Map.entry("acc-bad", new Account(2, 2, 20, 0)), Map.entry("acc-1", new Account(3, 3, 30, 0)));
    DeadLetters parked = parking.deadLetters(dispatcher);
    List<DeadLetter> letters = parked.list(0, 10);
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0);
    assertThat(letter.owner()).isEqualTo(name);
    assertThat(letter.wireName()).isEqualTo(Deposits.DEPOSITED);
    assertThat(letter.partitionKey()).isEqualTo("acc-bad");
    assertThat(letter.cursor()).isEqualTo(bad.token());
    assertThat(letter.reason()).startsWith("Cannot decode bank.Deposited: ");
    assertThat(new String(letter.body(), StandardCharsets.UTF_8)).contains("\"amount\":\"10\"");
    // One WARN line for it, naming the event and the projection; the payload is in the dead letter, not the log.
    assertThat(CapturedLogs.matching(l -> l.logger().equals(DeadLetterLog.LOGGER)
        && l.message().contains(letter.messageId().toString()))).singleElement().satisfies(line -> {
          assertThat(line.level()).isEqualTo(org.slf4j.event.Level.WARN);
          assertThat(line.message()).contains(Deposits.DEPOSITED, "projection '" + name + "'", "cannot decode");
        });
    assertThat(CapturedLogs.matching(l -> l.message().contains("\"amount\":\"10\""))).isEmpty();

    // Still undecodable: the replay fails and the event stays parked, with the new reason.
    ReplayResult stillBroken = parked.replay(letter.id());
    assertThat(stillBroken.status()).isEqualTo(ReplayResult.Status.FAILED);
    assertThat(stillBroken.reason()).contains("could not replay").contains("Cannot decode bank.Deposited");
    assertThat(parked.find(letter.id()).orElseThrow().reason()).startsWith("replay failed: ");
    running.close();

    // The checkpoint is past the parked event: a restart neither reads it again nor parks it twice.
    AtomicLong feedReads = new AtomicLong();
    RunningProjection restarted = startProjection(engine(b -> b.onUndecodableEvent(name, UndecodableEventPolicy.PARK)
        .progressListener(p -> feedReads.set(p.backfilled() + p.duplicates() + p.parked()))));
    assertThat(restarted.awaitLive(Duration.ofSeconds(30))).isTrue();
    assertThat(feedReads.get()).isZero();
    assertThat(parked.count()).isEqualTo(1);

    dispatcher.readsTextAmounts = true; // the fix
    assertThat(parked.replay(letter.id()).status()).isEqualTo(ReplayResult.Status.REPLAYED);
    assertThat(parked.replay(letter.id()).status()).as("a replayed letter is gone")
        .isEqualTo(ReplayResult.Status.NOT_FOUND);
    assertThat(parked.count()).isZero();
    assertThat(accounts.accounts().get("acc-bad")).isEqualTo(new Account(3, 3, 30, 0));
    assertThat(accounts.applications()).hasSize(9).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void liveTheDefaultStopsAtTheEventAndNamesItInTheStatus(TestDb db) throws Exception {
    start(db);
    RunningProjection failing = startProjection(engine(b -> b));
    assertThat(failing.awaitLive(Duration.ofSeconds(30))).isTrue();
    deposits("acc-0", 3);
    EventCursor bad = badSecondOfThree("acc-bad");

    awaitReport(p -> p.phase() == RunningProjection.Phase.FAILED);
    assertThat(failing.progress().failure())
        .startsWith("Projection '" + name + "' cannot decode Envelope[bank.Deposited ")
        .contains("key=acc-bad] at cursor " + bad.token() + ": ")
        .contains("It stops here (UndecodableEventPolicy.STOP)");
    assertThat(failing.failure()).hasRootCauseInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
    // The event after it, of the same account, is not applied past it.
    assertThat(accounts.accounts().get("acc-bad")).isEqualTo(new Account(1, 1, 10, 0));
    failing.close();

    dispatcher.readsTextAmounts = true; // the fix
    RunningProjection fixed = startProjection(engine(b -> b));
    assertThat(fixed.awaitLive(Duration.ofSeconds(30))).isTrue();
    Await.until(() -> accounts.eventsApplied() >= 6, "6 events applied");
    assertThat(accounts.accounts()).containsOnly(
        Map.entry("acc-0", new Account(3, 3, 30, 0)), Map.entry("acc-bad", new Account(3, 3, 30, 0)));
    assertThat(accounts.applications()).hasSize(6).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
  }

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void liveParkGoesOnAndTheCheckpointMovesOverTheParkedEvent(TestDb db) throws Exception {
    start(db);
    ProjectionEngine parking = engine(b -> b.onUndecodableEvent(UndecodableEventPolicy.PARK)
        .liveCheckpointInterval(Duration.ofMillis(20)));
    RunningProjection running = startProjection(parking);
    assertThat(running.awaitLive(Duration.ofSeconds(30))).isTrue();
    deposits("acc-0", 3);
    EventCursor bad = badThird("acc-bad");
    EventCursor last = deposits("acc-1", 3);

    Await.until(() -> accounts.eventsApplied() >= 8, "the 8 decodable events applied");
    Await.until(() -> last.token().equals(running.progress().cursor()),
        "the checkpoint moved over the parked event to the last one");
    assertThat(running.phase()).isEqualTo(RunningProjection.Phase.LIVE);
    assertThat(running.progress().parked()).isEqualTo(1);
    assertThat(running.progress().liveApplied()).isEqualTo(8);
    assertThat(running.progress().duplicates()).isZero();
    assertThat(storedCheckpoint()).isEqualTo(last.token());
    DeadLetters parked = parking.deadLetters(dispatcher);
    DeadLetter letter = parked.list(0, 10).get(0);
    assertThat(letter.cursor()).isEqualTo(bad.token());
    assertThat(letter.partitionKey()).isEqualTo("acc-bad");

    assertThat(parked.discard(letter.id())).isTrue();
    assertThat(parked.discard(letter.id())).isFalse();
    assertThat(parked.count()).isZero();
  }

  @ParameterizedTest
  @EnumSource(UndecodableEventPolicy.class)
  void liveBytesThatAreNoEnvelopeStopTheProjectionOrAreParked(UndecodableEventPolicy policy) throws Exception {
    start(TestDb.H2);
    RunningProjection running = startProjection(engine(b -> b.onUndecodableEvent(name, policy)));
    assertThat(running.awaitLive(Duration.ofSeconds(30))).isTrue();
    byte[] garbage = "not an envelope".getBytes(StandardCharsets.UTF_8);
    broker.publish(List.of(new OutgoingMessage(UUID.randomUUID(), Deposits.DEPOSITED,
        Destination.events(Deposits.DOMAIN), "acc-x", 0, Map.of(), garbage))).get(0).get();

    if (policy == UndecodableEventPolicy.STOP) {
      awaitReport(p -> p.phase() == RunningProjection.Phase.FAILED);
      assertThat(running.progress().failure()).startsWith("Projection '" + name + "' received a message it cannot"
          + " decode (partition key acc-x, 15 bytes): ").contains("UndecodableEventPolicy.STOP");
      return;
    }
    deposits("acc-0", 2);
    Await.until(() -> accounts.eventsApplied() >= 2, "the events after it applied");
    assertThat(running.phase()).isEqualTo(RunningProjection.Phase.LIVE);
    assertThat(running.progress().parked()).isEqualTo(1);
    DeadLetter letter = engine(b -> b).deadLetters(dispatcher).list(0, 10).get(0);
    assertThat(letter.wireName()).isNull();
    assertThat(letter.cursor()).isNull();
    assertThat(letter.partitionKey()).isEqualTo("acc-x");
    assertThat(letter.body()).isEqualTo(garbage);
    assertThat(letter.messageId()).isEqualTo(UUID.nameUUIDFromBytes(garbage));
    running.close();

    ProjectionEngine engine = engine(b -> b);
    engine.rebuild(dispatcher, tx -> null);
    assertThat(engine.deadLetters(dispatcher).count()).as("a rebuild forgets the dead letters too").isZero();
  }

  @org.junit.jupiter.api.Test
  void aBlankProjectionNameForThePolicyIsRefused() {
    assertThatThrownBy(() -> ProjectionEngine.builder(dummyStorage(), broker)
        .onUndecodableEvent(" ", UndecodableEventPolicy.PARK))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("projectionName must not be blank");
  }

  private static io.whizbang.runtime.storage.SqlStorage dummyStorage() {
    return io.whizbang.runtime.storage.SqlStorage.builder(TestDb.H2.dataSource()).build();
  }

  /** Events 1..count of {@code account}; returns the last one's cursor. */
  private EventCursor deposits(String account, int count) {
    List<Envelope> events = new ArrayList<>();
    for (int seq = 1; seq <= count; seq++) {
      events.add(Deposits.deposited(account, seq, 10));
    }
    List<StoredEvent> stored = owner.append(account, 0, events);
    return stored.get(stored.size() - 1).cursor();
  }

  /** Three events of {@code account}, the third undecodable; returns its cursor. */
  private EventCursor badThird(String account) {
    List<StoredEvent> stored = owner.append(account, 0, List.of(Deposits.deposited(account, 1, 10),
        Deposits.deposited(account, 2, 10), textAmount(account, 3)));
    return stored.get(2).cursor();
  }

  /** Three events of {@code account}, the second undecodable; returns its cursor. */
  private EventCursor badSecondOfThree(String account) {
    List<StoredEvent> stored = owner.append(account, 0, List.of(Deposits.deposited(account, 1, 10),
        textAmount(account, 2), Deposits.deposited(account, 3, 10)));
    return stored.get(1).cursor();
  }

  /** A deposit whose amount is written as text: the event type reads it only from its next version. */
  private static Envelope textAmount(String account, long seq) {
    Envelope e = Deposits.deposited(account, seq, 10);
    String json = "{\"account\":\"" + account + "\",\"seq\":" + seq + ",\"amount\":\"10\"}";
    return new Envelope(e.messageId(), e.wireName(), e.domain(), e.partitionKey(), e.correlationId(),
        e.causationId(), e.occurredAt(), e.position(), e.headers(), json.getBytes(StandardCharsets.UTF_8));
  }

  private String storedCheckpoint() throws Exception {
    try (Connection c = projectionDb.connection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select cursor_token from "
            + StorageInternals.tables(projectionDb.storage()).table("projection_checkpoint") + " where projection = '" + name + "'")) {
      return r.next() ? r.getString(1) : null;
    }
  }

  /** The progress listener is how an application learns of it (a health check, an alert). */
  private void awaitReport(java.util.function.Predicate<ProjectionProgress> which) {
    Await.until(() -> reports.stream().anyMatch(which), "a progress report that matches");
  }
}

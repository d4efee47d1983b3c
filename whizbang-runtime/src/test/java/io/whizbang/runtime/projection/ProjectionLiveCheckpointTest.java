package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.testfixtures.Await;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Live deliveries move the checkpoint: a projection restarted after a live phase reads from the owner's feed only
 * what it had not applied, never skips an event committed late behind the live ones, and prunes old applied ids;
 * the checkpoint moves and the pruning runs while live too, not only at the next start.
 */
class ProjectionLiveCheckpointTest {
  private static final String NAME = "live-checkpoint";

  @ParameterizedTest
  @EnumSource(TestDb.class)
  void aRestartAfterALivePhaseReadsOnlyWhatItHadNotApplied(TestDb db) throws Exception {
    try (InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(db).relayTo(broker);
        StorageFixture projectionDb = StorageFixture.create(db)) {
      append(owner, "a", 0, 10);                               // history: backfilled
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      try (RunningProjection first = engine(owner, projectionDb, broker, Duration.ofDays(7)).build().start(dispatcher(accounts))) {
        assertThat(first.awaitLive(Duration.ofSeconds(30))).isTrue();
        for (int i = 0; i < 4; i++) {
          append(owner, "live-" + i, 0, 50);                   // the live phase: 200 events
        }
        awaitApplied(accounts, 210);
      }
      append(owner, "a", 10, 5);                               // committed while the projection is stopped
      owner.fixture().awaitReadFence();

      assertThat(restartReadingTheFeed(engine(owner, projectionDb, broker, Duration.ZERO), accounts, 215))
          .as("feed events read by the restarted backfill").isEqualTo(5);
      assertThat(accounts.accounts().get("a")).isEqualTo(new AccountsProjection.Account(15, 15, 150, 0));
      assertThat(accounts.accounts().values()).allSatisfy(a -> assertThat(a.violations()).isZero());
      assertThat(projectionDb.count("select count(*) from " + StorageInternals.tables(projectionDb.storage())
          .table("projection_inbox"))).as("applied ids behind the checkpoint are pruned (retention 0)").isEqualTo(5);
    }
  }

  /**
   * The checkpoint moves while the projection runs, not only at the next start: after thousands of live events it
   * reaches the last one and the applied ids behind it are pruned while live, and a restart reads from the feed
   * only the events committed while it was stopped.
   */
  @ParameterizedTest
  @EnumSource(TestDb.class)
  void theCheckpointMovesWhileLiveSoARestartAfterThousandsOfLiveEventsReadsOnlyTheRest(TestDb db) throws Exception {
    try (InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(db).relayTo(broker);
        StorageFixture projectionDb = StorageFixture.create(db)) {
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      String inbox = StorageInternals.tables(projectionDb.storage()).table("projection_inbox");
      EventCursor last = null;
      try (RunningProjection first = engine(owner, projectionDb, broker, Duration.ZERO)
          .liveCheckpointInterval(Duration.ofMillis(250)).build().start(dispatcher(accounts))) {
        assertThat(first.awaitLive(Duration.ofSeconds(30))).isTrue();
        for (int i = 0; i < 40; i++) {
          last = append(owner, "live-" + (i % 4), (i / 4) * 50, 50);  // 2,000 events live, 4 accounts
        }
        awaitLong(() -> accounts.eventsApplied() >= 2000, "2000 live events applied");
        EventCursor lastLive = last;
        awaitLong(() -> lastLive.token().equals(storedCheckpoint(projectionDb)),
            "the stored checkpoint reaches the last live event while running");
        awaitLong(() -> lastLive.token().equals(first.progress().cursor()), "the progress shows it");
        awaitLong(() -> projectionDb.count("select count(*) from " + inbox) == 0,
            "applied ids behind the checkpoint pruned while running (retention 0)");
        assertThat(first.phase()).isEqualTo(RunningProjection.Phase.LIVE);
      }
      append(owner, "a", 0, 5);                                  // committed while the projection is stopped
      owner.fixture().awaitReadFence();

      assertThat(restartReadingTheFeed(engine(owner, projectionDb, broker, Duration.ofDays(7)), accounts, 2005))
          .as("feed events read by the restarted backfill").isEqualTo(5);
      assertThat(accounts.accounts()).hasSize(5);
      assertThat(accounts.accounts().values()).allSatisfy(a -> assertThat(a.violations()).isZero());
      assertThat(accounts.accounts().get("live-0")).isEqualTo(new AccountsProjection.Account(500, 500, 5000, 0));
      assertThat(accounts.applications()).hasSize(2005).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
    }
  }

  /** A longer wait than {@link Await}: thousands of events through the relay on a shared, busy PostgreSQL. */
  private static void awaitLong(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting for: " + what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static String storedCheckpoint(StorageFixture db) {
    try (Connection c = db.connection(); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("select cursor_token from "
            + StorageInternals.tables(db.storage()).table("projection_checkpoint") + " where projection = '" + NAME + "'")) {
      return r.next() ? r.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PostgreSQL: an event whose transaction began before live events and committed after them is not skipped. */
  @Test
  void anEventCommittedLateBehindLiveEventsIsReadAfterARestart() throws Exception {
    try (InMemoryTransport broker = new InMemoryTransport();
        OwnerService owner = new OwnerService(TestDb.POSTGRES).relayTo(broker);
        StorageFixture projectionDb = StorageFixture.create(TestDb.POSTGRES)) {
      AccountsProjection accounts = new AccountsProjection(projectionDb.storage());
      Connection held = owner.fixture().connection();
      try (RunningProjection first = engine(owner, projectionDb, broker, Duration.ofDays(7)).build().start(dispatcher(accounts))) {
        assertThat(first.awaitLive(Duration.ofSeconds(30))).isTrue();
        append(owner, "before", 0, 20);
        awaitApplied(accounts, 20);
        held.setAutoCommit(false);
        owner.appendIn(held, "late", 0, List.of(Deposits.deposited("late", 1, 10)));   // takes its xid now
        append(owner, "after", 0, 30);                          // higher transaction order, applied live first
        awaitApplied(accounts, 50);
      }
      held.commit();                                          // the late event commits while the projection is down
      held.close();
      owner.fixture().awaitReadFence();

      // The checkpoint moved over the 20 events before the late one only: the late one and the 30 after it.
      assertThat(restartReadingTheFeed(engine(owner, projectionDb, broker, Duration.ofDays(7)), accounts, 51))
          .isEqualTo(31);
      assertThat(accounts.accounts().get("late")).isEqualTo(new AccountsProjection.Account(1, 1, 10, 0));
      assertThat(accounts.accounts().values()).allSatisfy(a -> assertThat(a.violations()).isZero());
    }
  }

  /**
   * Starts the projection again, waits until it is live and has applied {@code applied} events in all, stops it;
   * returns how many events its backfill read from the feed (applied or skipped as duplicates).
   */
  private static long restartReadingTheFeed(ProjectionEngine.Builder engine, AccountsProjection accounts,
      long applied) throws InterruptedException {
    AtomicLong feedReads = new AtomicLong();
    try (RunningProjection again = engine
        .progressListener(p -> {
          if (p.phase() == RunningProjection.Phase.BACKFILLING) {
            feedReads.set(p.backfilled() + p.duplicates());
          }
        })
        .build().start(dispatcher(accounts))) {
      assertThat(again.awaitLive(Duration.ofSeconds(30))).isTrue();
      awaitApplied(accounts, applied);
    }
    return feedReads.get();
  }

  private static ProjectionEngine.Builder engine(OwnerService owner, StorageFixture db, InMemoryTransport broker,
      Duration retention) {
    return ProjectionEngine.builder(db.storage(), broker)
        .registerDomain(Deposits.DOMAIN, owner.feedUri().toString().replace("/events", ""))
        .appliedIdRetention(retention);
  }

  private static AccountsProjection_Dispatcher dispatcher(AccountsProjection accounts) {
    return new AccountsProjection_Dispatcher(accounts, NAME);
  }

  private static EventCursor append(OwnerService owner, String account, int version, int count) {
    List<Envelope> events = new java.util.ArrayList<>();
    for (int i = 1; i <= count; i++) {
      events.add(Deposits.deposited(account, version + i, 10));
    }
    List<io.whizbang.runtime.store.StoredEvent> stored = owner.append(account, version, events);
    return stored.get(stored.size() - 1).cursor();
  }

  private static void awaitApplied(AccountsProjection accounts, long events) {
    Await.until(() -> accounts.accounts().values().stream().mapToLong(AccountsProjection.Account::events).sum()
        >= events, events + " events applied");
  }
}

package io.whizbang.runtime.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.FeedServerOptions;
import io.whizbang.runtime.feed.OwnerService;
import io.whizbang.runtime.projection.AccountsProjection.Account;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.store.EventStore;
import io.whizbang.runtime.store.StoredEvent;
import io.whizbang.runtime.testfixtures.TcpProxy;
import io.whizbang.runtime.transport.Transport;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Two services: an owner writing {@code events} deposits (event store + outbox, relayed to a broker, history served
 * by its event feed) and a projection service that starts in the middle of the stream. While the owner keeps
 * writing, with some of its transactions held open while others commit, the projection subscribes, backfills over
 * HTTP (one connection is dropped half-way), is restarted once in the middle of its backfill (closed, then a new
 * engine on the same database), reaches the head and goes live. In the end its state must equal the fold of the
 * owner's whole history, with every event applied exactly once and each account's events in order.
 *
 * <p>Shared by the runtime's in-memory test and the broker modules: {@code connect} opens the projection's view of
 * the broker for each "process" ({@code "owner"}, {@code "projection-1"}, {@code "projection-2"}); an in-process
 * broker hands out the same instance every time. Every transport it returns is closed at the end.
 */
public final class BackfillThenLiveScenario {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final TestDb db;
  private final String domain;
  private final int events;
  private final Function<String, Transport> connect;
  private final String name = "balances-" + UUID.randomUUID().toString().substring(0, 8);

  /**
   * @param domain the owner's domain (a broker shared with other runs needs one of its own)
   * @param events how many events the owner writes, a multiple of 20 of at least 2,000
   */
  public BackfillThenLiveScenario(TestDb db, String domain, int events, Function<String, Transport> connect) {
    this.db = db;
    this.domain = domain;
    this.events = events;
    this.connect = connect;
  }

  /** Runs the scenario and asserts its outcome. */
  public void run() throws Exception {
    List<Transport> transports = new ArrayList<>();
    Function<String, Transport> open = process -> {
      Transport t = connect.apply(process);
      transports.add(t);
      return t;
    };
    String wireName = Deposits.depositedIn(domain);
    try (OwnerService owner = new OwnerService(db, Set.of(wireName), FeedServerOptions.defaults(),
            feed -> feed);
        TcpProxy proxy = new TcpProxy(owner.server().port());
        StorageFixture projectionDb = StorageFixture.create(db)) {
      owner.relayTo(open.apply("owner"));
      run(owner, proxy, projectionDb, open);
    } finally {
      for (int i = transports.size() - 1; i >= 0; i--) {
        transports.get(i).close();
      }
    }
  }

  private void run(OwnerService owner, TcpProxy proxy, StorageFixture projectionDb,
      Function<String, Transport> open) throws Exception {
    OwnerWriters writers = new OwnerWriters(owner, domain, events, events / 10);
    AccountsProjection accounts = new AccountsProjection(projectionDb.storage(), domain);
    int restartAfter = events * 15 / 100;
    List<AutoCloseable> cleanup = new ArrayList<>();
    try {
      // The owner is well into its stream, and one of its transactions is open, when the projection starts.
      writers.start();
      cleanup.add(writers::stop);
      writers.awaitCommitted(events * 30L / 100, TIMEOUT);
      OwnerWriters.Held held = writers.holdOpen();
      cleanup.add(held::close);
      if (db == TestDb.POSTGRES) {
        // Committed and relayed before the projection subscribes, yet kept out of the feed by the older open
        // transaction: only the backfill's wait for the horizon finds these (H2 serializes appends instead).
        long target = writers.committed() + events * 5L / 100;
        writers.awaitCommitted(target, TIMEOUT);
        awaitRelayed(owner, target);
      }

      AtomicReference<RunningProjection> firstRef = new AtomicReference<>();
      CountDownLatch atRestartPoint = new CountDownLatch(1);
      ProjectionEngine firstEngine = engine(projectionDb, open.apply("projection-1"), proxy,
          holdAt(restartAfter, atRestartPoint, firstRef));
      proxy.cutOnceAfter((long) lineBytes() * restartAfter / 3);
      RunningProjection first = firstEngine.start(new AccountsProjection_Dispatcher(accounts, name));
      firstRef.set(first);
      cleanup.add(first);

      // The process goes away in the middle of its backfill, after the dropped connection.
      assertThat(atRestartPoint.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .as("the first run reached %s backfilled events", restartAfter).isTrue();
      assertThat(first.phase()).isEqualTo(RunningProjection.Phase.BACKFILLING);
      assertThat(proxy.cuts()).as("connections dropped during the first backfill").isEqualTo(1);
      first.close();
      assertThat(first.phase()).isEqualTo(RunningProjection.Phase.STOPPED);
      assertThat(new ProjectionTables(projectionDb.storage()).checkpoint(name))
          .as("checkpoint left by the first run").isNotNull();

      ProjectionEngine secondEngine = engine(projectionDb, open.apply("projection-2"), proxy, p -> {});
      RunningProjection second = secondEngine.start(new AccountsProjection_Dispatcher(accounts, name));
      cleanup.add(second);
      awaitBackfilling(second);
      held.commit(); // after the second run took its horizon: it must wait for this transaction's events
      assertThat(second.awaitLive(TIMEOUT)).as("the second run reached the head").isTrue();
      writers.releaseFinalStretch();
      writers.awaitDone(TIMEOUT);

      History history = history(owner);
      awaitState(accounts, history.accounts());
      assertThat(second.phase()).isEqualTo(RunningProjection.Phase.LIVE);
      Map<UUID, Long> applications = accounts.applications();
      assertThat(new HashSet<>(applications.values())).as("applications per event id").containsExactly(1L);
      assertThat(applications.keySet()).as("applied event ids").isEqualTo(history.ids());

      ProjectionProgress p1 = first.progress();
      ProjectionProgress p2 = second.progress();
      assertThat(p1.backfilled()).isGreaterThanOrEqualTo(restartAfter);
      assertThat(p1.liveApplied()).isZero();
      assertThat(p2.liveApplied()).as("events written after the switch arrive live")
          .isGreaterThanOrEqualTo(writers.holdBack());
      assertThat(p1.backfilled() + p2.backfilled() + p2.liveApplied()).as("applications counted by the engine")
          .isEqualTo(events);
      assertThat(proxy.cuts()).isEqualTo(1);
    } finally {
      for (int i = cleanup.size() - 1; i >= 0; i--) {
        cleanup.get(i).close();
      }
    }
  }

  private ProjectionEngine engine(StorageFixture projectionDb, Transport transport, TcpProxy proxy,
      Consumer<ProjectionProgress> listener) {
    return ProjectionEngine.builder(projectionDb.storage(), transport)
        .registerDomain(domain, ProjectionEngine.Source.feed(proxy.uri("/events")))
        .pageSize(250)
        .retry(5, Duration.ofMillis(10), Duration.ofMillis(200))
        .progressListener(listener)
        .build();
  }

  /**
   * Stops the backfill thread between two committed batches once {@code restartAfter} events were applied, until
   * {@code close()} began: as if the process were killed there, whatever the machine's speed.
   */
  private static Consumer<ProjectionProgress> holdAt(int restartAfter, CountDownLatch atRestartPoint,
      AtomicReference<RunningProjection> running) {
    return p -> {
      if (p.phase() != RunningProjection.Phase.BACKFILLING || p.backfilled() < restartAfter
          || atRestartPoint.getCount() == 0) {
        return;
      }
      atRestartPoint.countDown();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        RunningProjection r = running.get();
        if (r != null && r.phase() != RunningProjection.Phase.BACKFILLING) {
          return;
        }
        sleep(5);
      }
    };
  }

  /** The length of one feed line, near enough to place the dropped connection. */
  private int lineBytes() {
    return EnvelopeCodec.encode(Deposits.deposited(domain, "acc-0", 1, 1, Instant.now())).length + 40;
  }

  private static void awaitRelayed(OwnerService owner, long events) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (owner.relay().stats().published() < events) {
      assertThat(System.nanoTime()).as("the owner's relay published %s events", events).isLessThan(deadline);
      sleep(5);
    }
  }

  private static void awaitBackfilling(RunningProjection projection) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    // A backfilled batch means the horizon was taken (it comes first).
    while (projection.progress().backfilled() + projection.progress().duplicates() == 0) {
      assertThat(projection.failure()).isNull();
      assertThat(System.nanoTime()).as("the second run started backfilling").isLessThan(deadline);
      sleep(5);
    }
  }

  /** The owner's whole history: folded per account (the state the projection must reach), and its event ids. */
  private record History(Map<String, Account> accounts, Set<UUID> ids) {}

  private History history(OwnerService owner) throws Exception {
    owner.fixture().awaitReadFence();
    Map<String, Account> fold = new HashMap<>();
    Set<UUID> ids = new HashSet<>();
    try (Connection c = owner.fixture().connection()) {
      EventCursor cursor = EventCursor.START;
      while (true) {
        EventStore.Page page = owner.store().readAll(c, cursor, Set.of(Deposits.depositedIn(domain)), 5_000);
        for (StoredEvent e : page.events()) {
          Deposited d = AccountsProjection_Dispatcher.decode(e.envelope().payload());
          fold.merge(d.account(), new Account(1, d.seq(), d.amount(), 0),
              (a, b) -> new Account(a.events() + 1, Math.max(a.lastSeq(), b.lastSeq()), a.total() + b.total(), 0));
          ids.add(e.envelope().messageId());
        }
        cursor = page.next();
        if (page.atHead()) {
          break;
        }
      }
    }
    assertThat(ids).as("events in the owner's store").hasSize(events);
    return new History(fold, ids);
  }

  private static void awaitState(AccountsProjection accounts, Map<String, Account> expected) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Map<String, Account> actual = accounts.accounts();
    while (!actual.equals(expected) && System.nanoTime() < deadline) {
      sleep(50);
      actual = accounts.accounts();
    }
    assertThat(actual).as("the projection's state against the fold of the owner's history")
        .containsExactlyInAnyOrderEntriesOf(expected);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.whizbang.runtime.projection;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.feed.OwnerService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The owning service's application while a projection backfills: a steady writer committing transactions of
 * {@link #PER_TX} deposits to one account at a time, a lingering writer that keeps each of its transactions open a
 * moment while the steady one commits, and on request one transaction held open for as long as the caller likes.
 * The steady writer keeps its last {@code holdBack} events until {@link #releaseFinalStretch()}, so some events are
 * certainly written after the projection went live.
 */
final class OwnerWriters {
  static final int PER_TX = 50;
  private static final int STEADY_ACCOUNTS = 48;
  private static final int LINGERING_ACCOUNTS = 8;
  private static final Duration LINGER = Duration.ofMillis(20);

  private final OwnerService owner;
  private final String domain;
  private final int steadyEvents;
  private final int lingeringEvents;
  private final int holdBack;
  private final AtomicLong committed = new AtomicLong();
  private final CountDownLatch finalStretch = new CountDownLatch(1);
  private volatile boolean stopped;
  private CompletableFuture<Void> steady;
  private CompletableFuture<Void> lingering;

  /** Writes {@code total} events in all, {@link #PER_TX} of them in the held transaction. */
  OwnerWriters(OwnerService owner, String domain, int total, int holdBack) {
    if (total % PER_TX != 0 || total < 20 * PER_TX) {
      throw new IllegalArgumentException("total must be a multiple of " + PER_TX + " and at least " + 20 * PER_TX);
    }
    this.owner = owner;
    this.domain = domain;
    this.lingeringEvents = Math.max(PER_TX, total / 10 / PER_TX * PER_TX);
    this.steadyEvents = total - lingeringEvents - PER_TX;
    this.holdBack = Math.min(holdBack / PER_TX * PER_TX, steadyEvents / 2 / PER_TX * PER_TX);
  }

  void start() {
    steady = CompletableFuture.runAsync(this::writeSteadily, runner("owner-steady-writer"));
    lingering = CompletableFuture.runAsync(this::writeLingering, runner("owner-lingering-writer"));
  }

  private static java.util.concurrent.Executor runner(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      t.start();
    };
  }

  private void writeSteadily() {
    long[] versions = new long[STEADY_ACCOUNTS];
    for (int written = 0, tx = 0; written < steadyEvents && !stopped; written += PER_TX, tx++) {
      if (written == steadyEvents - holdBack) {
        await(finalStretch);
      }
      int a = tx % STEADY_ACCOUNTS;
      String account = "acc-" + a;
      owner.append(account, versions[a], deposits(account, versions[a]));
      versions[a] += PER_TX;
      committed.addAndGet(PER_TX);
    }
  }

  private void writeLingering() {
    long[] versions = new long[LINGERING_ACCOUNTS];
    for (int written = 0, tx = 0; written < lingeringEvents && !stopped; written += PER_TX, tx++) {
      int a = tx % LINGERING_ACCOUNTS;
      String account = "lingering-" + a;
      try (Connection c = owner.fixture().connection()) {
        c.setAutoCommit(false);
        owner.appendIn(c, account, versions[a], deposits(account, versions[a]));
        Thread.sleep(LINGER.toMillis()); // committed after steady transactions that began later
        c.commit();
        Thread.sleep(LINGER.toMillis());
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      owner.signalCommitted();
      versions[a] += PER_TX;
      committed.addAndGet(PER_TX);
    }
  }

  private List<Envelope> deposits(String account, long version) {
    List<Envelope> events = new ArrayList<>(PER_TX);
    Instant now = Instant.now();
    for (int i = 1; i <= PER_TX; i++) {
      long seq = version + i;
      events.add(Deposits.deposited(domain, account, seq, seq % 97 + account.length(), now));
    }
    return events;
  }

  /** A transaction holding {@link #PER_TX} deposits to account {@code held}, open until {@link Held#commit()}. */
  Held holdOpen() throws SQLException {
    Connection c = owner.fixture().connection();
    c.setAutoCommit(false);
    owner.appendIn(c, "held", 0, deposits("held", 0));
    return new Held(c);
  }

  final class Held implements AutoCloseable {
    private final Connection connection;

    private Held(Connection connection) {
      this.connection = connection;
    }

    void commit() throws SQLException {
      try (connection) {
        connection.commit();
      }
      owner.signalCommitted();
      committed.addAndGet(PER_TX);
    }

    /** Rolls back when not committed (a test that failed half-way). */
    @Override
    public void close() throws SQLException {
      if (!connection.isClosed()) {
        try (connection) {
          connection.rollback();
        }
      }
    }
  }

  long committed() {
    return committed.get();
  }

  /** Waits until at least {@code events} were committed. */
  void awaitCommitted(long events, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (committed.get() < events) {
      failIfBroken();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the owner committed only " + committed.get() + " of " + events + " events in "
            + timeout);
      }
      Thread.sleep(5);
    }
  }

  private void failIfBroken() {
    for (CompletableFuture<Void> writer : List.of(steady, lingering)) {
      if (writer.isCompletedExceptionally()) {
        writer.join();
      }
    }
  }

  /** Stops writing after the transaction in hand (a test that failed half-way). */
  void stop() {
    stopped = true;
    finalStretch.countDown();
  }

  void releaseFinalStretch() {
    finalStretch.countDown();
  }

  /** How many events the steady writer keeps until {@link #releaseFinalStretch()}. */
  int holdBack() {
    return holdBack;
  }

  /** Waits for both writers to finish. */
  void awaitDone(Duration timeout) throws Exception {
    CompletableFuture.allOf(steady, lingering).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the final stretch was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.whizbang.runtime.relay;

import io.whizbang.runtime.DeadLetters;
import io.whizbang.runtime.internal.Backoff;
import io.whizbang.runtime.internal.LogContext;
import io.whizbang.runtime.internal.metrics.RelayHooks;
import io.whizbang.runtime.internal.tracing.TracedRelays;
import io.whizbang.runtime.outbox.OutboxDeadLetters;
import io.whizbang.runtime.sql.StorageInternals;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.thread.Threads;
import io.whizbang.runtime.transport.Transport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to a {@link Transport}: claims rows of the partitions it leases, publishes them in batches,
 * marks the confirmed ones published in one statement, retries failures with exponential backoff and jitter, and
 * parks a row in the dead-letter table only when the broker refused it for good ({@link PermanentPublishException}).
 * A broker that is down, times out or does not confirm never gets a row parked: the row waits, holding the later
 * rows of its key, and is retried (at most {@code maxBackoff} apart) until the broker is back. Several relays (in one or many processes) share
 * the partitions; each partition is published by one relay at a time, in row order, so messages of one partition
 * key reach the broker in order.
 *
 * <pre>{@code
 * try (Relay relay = new Relay(storage, transport, RelayConfig.builder().build())) {
 *   relay.start();
 *   ...
 * }
 * }</pre>
 */
public final class Relay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

  static {
    // A service hands its meters and its tracing to the relay it runs, without a public setter.
    RelayHooks.register((relay, timer) -> relay.outcomes.publishTimer = timer);
    TracedRelays.register((relay, tracing) -> relay.round.tracing(tracing));
  }

  private final SqlStorage storage;
  private final Transport transport;
  private final RelayConfig config;
  /** This relay's own identity in the lease tables: the config's name and a random suffix. */
  private final String id;
  private final OutboxRows rows;
  private final DueMessages dueMessages;
  private final PartitionLeases leases;
  private final PublishRound round;
  private Threads threads;                         // set by the constructors, before start()
  private final Object wakeLock = new Object();
  private final Runnable wakeListener = this::wake;
  private final RoundOutcomes outcomes;
  private final AtomicLong cleaned = new AtomicLong();
  /** Rounds failed in a row (the database or the relay's own error); 0 once a round succeeds. */
  private volatile int failingRounds;

  private boolean woken;
  private volatile boolean running;
  private Thread worker;
  private PgNotificationListener listener;
  private Thread listenerThread;
  private Connection connection;
  private long nextLeaseCheckNanos;
  private long nextCleanupNanos;
  private long nextScheduleCheckNanos;

  public Relay(SqlStorage storage, Transport transport, RelayConfig config) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.config = Objects.requireNonNull(config, "config");
    this.id = config.relayId() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    this.rows = new OutboxRows(StorageInternals.dialect(storage), StorageInternals.tables(storage), config.deadLetterPolicy());
    this.dueMessages = new DueMessages(StorageInternals.dialect(storage), StorageInternals.tables(storage));
    this.leases = new PartitionLeases(StorageInternals.dialect(storage), StorageInternals.tables(storage), id,
        config.leaseDuration().toMillis(), storage.outboxPartitions());
    this.round = new PublishRound(transport, config, id);
    this.outcomes = new RoundOutcomes(rows);
    this.threads = StorageInternals.threads(storage);
  }

  /**
   * A relay whose threads (its loop and, on PostgreSQL, its LISTEN thread) come from {@code threads} rather than from
   * the storage's ({@code SqlStorage.builder(...).threads(...)}).
   */
  public Relay(SqlStorage storage, Transport transport, RelayConfig config, ThreadFactory threads) {
    this(storage, transport, config);
    this.threads = Threads.of(Objects.requireNonNull(threads, "threads"));
  }

  /**
   * The outbox's dead letters (the rows the broker refused for good) of this relay's storage: list, replay or
   * discard them. Any process on the same database sees the same ones.
   */
  public DeadLetters deadLetters() {
    return new OutboxDeadLetters(storage);
  }

  /** Starts the relay's thread (and its LISTEN thread on PostgreSQL). */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("Relay " + id + " is already running");
    }
    running = true;
    StorageInternals.commitSignal(storage).listen(wakeListener);
    if (config.listen() && StorageInternals.dialect(storage).supportsNotify()) {
      listener = new PgNotificationListener(storage.dataSource(), StorageInternals.tables(storage).outboxChannel(), wakeListener);
      listenerThread = threads.newThread("whizbang-relay-listen-" + id, listener);
      listenerThread.setUncaughtExceptionHandler(Relay::stoppedVisibly);
      listenerThread.start();
    }
    worker = threads.newThread("whizbang-relay-" + id, this::loop);
    worker.setUncaughtExceptionHandler(Relay::stoppedVisibly);
    worker.start();
  }

  /** The last resort, when even the loop's own handling failed: the thread's end is logged, never silent. */
  private static void stoppedVisibly(Thread thread, Throwable error) {
    LOG.error("Relay thread {} stopped; this relay no longer publishes until it is restarted", thread.getName(),
        error);
  }

  /** Wakes the relay now (the outbox does this after a commit it knows about). */
  public void wake() {
    synchronized (wakeLock) {
      woken = true;
      wakeLock.notifyAll();
    }
  }

  /** Stops after the current batch and gives the partitions back so other relays take over at once. */
  @Override
  public void close() {
    Thread w;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      w = worker;
    }
    stopListening();
    wake();
    join(w);
  }

  /**
   * Stops like a crashed process: no lease is given back, no pending confirmation is awaited or recorded, and the
   * connection is dropped. Other relays take the partitions over when the leases expire.
   */
  void halt() {
    Thread w;
    synchronized (this) {
      running = false;
      w = worker;
    }
    stopListening();
    if (w != null) {
      w.interrupt();
    }
    join(w);
  }

  private void stopListening() {
    StorageInternals.commitSignal(storage).unlisten(wakeListener);
    if (listener != null) {
      listener.stop();
      listenerThread.interrupt();
    }
  }

  private static void join(Thread thread) {
    if (thread == null) {
      return;
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    // A failed round is the database or the relay itself, not a message: retried soon, at most a second or a
    // publish interval apart, whichever is longer.
    Backoff roundBackoff = Backoff.doubling(Duration.ofMillis(100),
        Duration.ofMillis(Math.max(config.publishInterval().toMillis(), 1000)));
    int failedRounds = 0;
    while (running) {
      try {
        int published = runOnce();
        failedRounds = 0;
        failingRounds = 0;
        if (published < config.batchSize()) {
          awaitWake();
        }
      } catch (SQLException | RuntimeException | Error e) {
        if (!running) {
          break;
        }
        long delay = roundBackoff.delayAfter(++failedRounds).toMillis();
        failingRounds = failedRounds;
        if (e instanceof Error) {
          // An Error (an OutOfMemoryError on a large batch, a linkage error in a transport) must not end publishing
          // silently: say so loudly and go on; the batch's rows are still unpublished and are offered again.
          LOG.error("Relay {} hit an error in a round; restarting the round in {} ms", id, delay, e);
        } else {
          LOG.warn("Relay {} failed a round, retrying in {} ms: {}", id, delay, e.toString());
        }
        closeConnection();
        leases.forget();
        nextLeaseCheckNanos = 0;
        sleep(delay);
      }
    }
    if (Thread.currentThread().isInterrupted()) {
      // halted: behave like a dead process
      closeConnection();
      return;
    }
    try {
      if (connection != null) {
        leases.releaseAll(connection);
      }
    } catch (SQLException e) {
      LOG.warn("Relay {} could not give its partitions back; they expire in {}", id,
          config.leaseDuration());
    }
    closeConnection();
  }

  /**
   * One round: maintain leases when due, publish one batch, clean up when due. Returns the number of rows handed to
   * the broker.
   */
  int runOnce() throws SQLException {
    Connection c = connection();
    long now = System.nanoTime();
    if (now - nextLeaseCheckNanos >= 0) {
      leases.maintain(c);
      nextLeaseCheckNanos = now + config.leaseDuration().toNanos() / 3;
    }
    int handed = publishBatch(c);
    if (now - nextCleanupNanos >= 0) {
      cleanup(c);
      nextCleanupNanos = now + config.cleanupInterval().toNanos();
    }
    return handed;
  }

  private int publishBatch(Connection c) throws SQLException {
    if (leases.owned().isEmpty()) {
      return 0;
    }
    // A batch must be settled while the leases last; renew first when they would not.
    long margin = config.confirmTimeout().toNanos() + config.leaseDuration().toNanos() / 5;
    if (leases.remainingNanos() < margin) {
      leases.renewOwned(c);
      if (leases.owned().isEmpty()) {
        return 0;
      }
    }
    moveDueMessages(c);
    long dbNow = rows.nowMillis(c);
    long dbNowNanos = System.nanoTime();
    List<PendingRow> candidates = rows.pending(c, leases.owned(), dbNow, config.batchSize());
    if (candidates.isEmpty()) {
      return 0;
    }
    List<PendingRow> batch = PublishRound.due(candidates);
    if (batch.isEmpty()) {
      return 0;
    }
    try (LogContext ignored = LogContext.of(LogContext.RELAY, id)) {
      PublishRound.Settled settled = round.publish(batch);
      if (!running && Thread.currentThread().isInterrupted()) {
        return batch.size();
      }
      outcomes.record(c, batch, settled, dbNow + (System.nanoTime() - dbNowNanos) / 1_000_000);
      return batch.size();
    }
  }

  /**
   * Scheduled messages that became due join the outbox before the pending rows are read, so they go in this round:
   * at most once per 100 ms (or per publish interval, if shorter) while the relay is busy, and on every wake-up.
   */
  private void moveDueMessages(Connection c) throws SQLException {
    long now = System.nanoTime();
    if (now - nextScheduleCheckNanos >= 0) {
      dueMessages.move(c, leases.owned(), config.batchSize());
      nextScheduleCheckNanos = now + Math.min(config.publishInterval().toNanos(), 100_000_000L);
    }
  }

  private void cleanup(Connection c) throws SQLException {
    long retention = config.publishedRetention().toMillis();
    // Bounded statements, so no delete holds its locks for long; a few rounds per interval keep up with the
    // publish rate (rounds * cleanupBatch rows per cleanupInterval).
    for (int round = 0; round < 20 && running; round++) {
      int deleted = rows.cleanup(c, retention, config.cleanupBatch());
      cleaned.addAndGet(deleted);
      if (deleted < config.cleanupBatch()) {
        return;
      }
    }
  }

  private void awaitWake() {
    long waitMillis = Math.min(config.publishInterval().toMillis(),
        Math.max(1, (nextLeaseCheckNanos - System.nanoTime()) / 1_000_000));
    synchronized (wakeLock) {
      if (!woken && running) {
        try {
          wakeLock.wait(waitMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      woken = false;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = storage.dataSource().getConnection();
      connection.setAutoCommit(true);
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the connection is being discarded
      }
      connection = null;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What this relay did since it was built, and the partitions it leases now. */
  public RelayStats stats() {
    Thread w = worker;
    long last = outcomes.lastPublishedMillis();
    return new RelayStats(id, running && w != null && w.isAlive(), leases.owned(), outcomes.published.get(),
        outcomes.retried.get(), outcomes.parked.get(), cleaned.get(), last == 0 ? null : java.time.Instant.ofEpochMilli(last), failingRounds);
  }

  public RelayConfig config() {
    return config;
  }

  /**
   * This relay's identity in the partition lease and relay tables: {@link RelayConfig#relayId()} and a random
   * suffix, unique to this instance.
   */
  public String id() {
    return id;
  }
}

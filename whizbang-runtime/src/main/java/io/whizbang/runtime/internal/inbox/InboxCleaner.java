package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.inbox.Inbox;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.thread.Threads;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a consumer's inbox rows older than its retention (and the run counts of messages not run since then), a
 * bounded batch per statement, each statement its own short transaction, so cleanup never holds many locks or blocks
 * consumption for long.
 *
 * <pre>{@code consumer.cleaner().start();  // or call deleteExpired() from your own scheduler}</pre>
 */
final class InboxCleaner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InboxCleaner.class);

  private final DataSource dataSource;
  private final InboxTable inbox;
  private final HandlerRuns runs;
  private final String consumerId;
  private final Duration retention;
  private final Duration interval;
  private final int batch;
  private final Clock clock;
  private final Threads threads;
  private final AtomicLong cleaned;
  private ScheduledExecutorService scheduler;

  InboxCleaner(DataSource dataSource, InboxTable inbox, HandlerRuns runs, String consumerId, InboxConfig config,
      Threads threads, AtomicLong cleaned) {
    this.dataSource = dataSource;
    this.inbox = inbox;
    this.runs = runs;
    this.consumerId = consumerId;
    this.retention = config.cleanupRetention();
    this.interval = config.cleanupInterval();
    this.batch = config.cleanupBatch();
    this.clock = config.clock();
    this.threads = threads;
    this.cleaned = cleaned;
  }

  /** Runs {@link #deleteExpired()} every cleanup interval on a thread of its own, until {@link #close()}. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> threads.newThread("whizbang-inbox-cleanup-"
        + consumerId, r));
    scheduler.scheduleWithFixedDelay(this::deleteExpiredQuietly, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Deletes every expired inbox row of the consumer, batch by batch; returns how many. */
  public long deleteExpired() {
    long cutoff = clock.millis() - retention.toMillis();
    long total = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      while (true) {
        int n = inbox.deleteOlderThan(c, consumerId, cutoff, batch);
        total += n;
        cleaned.addAndGet(n);
        if (n < batch || Thread.currentThread().isInterrupted()) {
          break;
        }
      }
      // Counts of messages applied or parked by another instance (or whose delete was skipped) are not needed once
      // the message's inbox row could have expired too.
      while (runs.deleteOlderThan(c, consumerId, cutoff, batch) == batch && !Thread.currentThread().isInterrupted()) {
        // next batch
      }
      return total;
    } catch (SQLException e) {
      throw new io.whizbang.runtime.storage.StorageException("Inbox cleanup of '" + consumerId + "' in "
          + inbox.name() + " failed after deleting " + total + " row(s)", e);
    }
  }

  private void deleteExpiredQuietly() {
    try {
      long n = deleteExpired();
      if (n > 0) {
        LOG.debug("Deleted {} expired inbox row(s) of '{}'", n, consumerId);
      }
    } catch (RuntimeException e) {
      LOG.warn("Inbox cleanup failed; it runs again in {}", interval, e);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}

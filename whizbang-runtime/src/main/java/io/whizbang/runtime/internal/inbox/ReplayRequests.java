package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.DeadLetters;
import io.whizbang.runtime.DeadLetters.ReplayResult;
import io.whizbang.runtime.thread.Threads;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the dead letters an operator marked for replay ({@code Operations.requestInboxReplay}), oldest first,
 * through this consumer's own handlers: an operator's tool has the database but not the handlers, so the running
 * subscriber does the work. A replay that fails again leaves the dead letter with its new reason, unmarked.
 */
final class ReplayRequests implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayRequests.class);
  /** How often the marks are looked for: one indexed query per consumer. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final int BATCH = 100;

  private final DataSource dataSource;
  private final DeadLetterTable table;
  private final DeadLetters deadLetters;
  private final String consumerId;
  private final Threads threads;
  private ScheduledExecutorService scheduler;
  /** Whether the last look failed: a database outage is logged once, not once a second. */
  private volatile boolean failing;

  ReplayRequests(DataSource dataSource, DeadLetterTable table, DeadLetters deadLetters, String consumerId,
      Threads threads) {
    this.dataSource = dataSource;
    this.table = table;
    this.deadLetters = deadLetters;
    this.consumerId = consumerId;
    this.threads = threads;
  }

  synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> threads.newThread("whizbang-inbox-replay-"
        + consumerId, r));
    long every = POLL_INTERVAL.toMillis();
    scheduler.scheduleWithFixedDelay(this::replayRequestedQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** Replays every marked dead letter of the consumer, in id order (their keys' order); returns how many ran. */
  int replayRequested() throws SQLException {
    List<Long> ids;
    try (Connection c = dataSource.getConnection()) {
      ids = table.replayRequested(c, consumerId, BATCH);
    }
    for (long id : ids) {
      ReplayResult result = deadLetters.replay(id);
      if (result.status() == ReplayResult.Status.FAILED) {
        LOG.warn("Requested replay of dead letter {} of '{}' failed: {}", id, consumerId, result.reason());
        try (Connection c = dataSource.getConnection()) {
          table.clearReplayRequest(c, id);
        }
      }
    }
    return ids.size();
  }

  private void replayRequestedQuietly() {
    try {
      replayRequested();
      if (failing) {
        failing = false;
        LOG.info("Looking for requested replays of '{}' works again", consumerId);
      }
    } catch (SQLException | RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.warn("Looking for requested replays of '{}' failed; trying again every {}", consumerId, POLL_INTERVAL, e);
      } else {
        LOG.debug("Looking for requested replays of '{}' failed again", consumerId, e);
      }
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

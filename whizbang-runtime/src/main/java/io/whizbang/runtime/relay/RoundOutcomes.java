package io.whizbang.runtime.relay;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.internal.DeadLetterLog;
import io.whizbang.runtime.internal.LogContext;
import io.whizbang.runtime.internal.metrics.PublishTimer;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a relay's publish rounds ended with, written to the outbox and counted: confirmed rows marked published (and
 * timed for the meters), failed ones scheduled for a retry, refused ones parked (one dead-letter line each).
 */
final class RoundOutcomes {
  private final OutboxRows rows;
  final AtomicLong published = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong parked = new AtomicLong();
  /** When a confirmed row was last marked published (this process's clock); 0: never. */
  private volatile long lastPublishedMillis;
  /** Told the wait of each confirmed row when the service has a meter registry; {@link PublishTimer#NONE} if not. */
  volatile PublishTimer publishTimer = PublishTimer.NONE;

  RoundOutcomes(OutboxRows rows) {
    this.rows = rows;
  }

  /**
   * Writes what {@code batch} settled as, on {@code c}; {@code confirmedAtMillis} is the round's database time
   * moved on by the time the round took.
   */
  void record(Connection c, List<PendingRow> batch, PublishRound.Settled settled, long confirmedAtMillis)
      throws SQLException {
    List<Long> confirmed = settled.confirmed();
    timeConfirmed(batch, confirmed, confirmedAtMillis);
    List<OutboxRows.Failure> retry = settled.retry();
    List<OutboxRows.Failure> park = settled.park();
    rows.markPublished(c, confirmed);
    rows.retryLater(c, retry);
    rows.park(c, park);
    published.addAndGet(confirmed.size());
    retried.addAndGet(retry.size());
    parked.addAndGet(park.size());
    if (!confirmed.isEmpty()) {
      lastPublishedMillis = System.currentTimeMillis();
    }
    logParked(batch, park);
  }

  /** When a confirmed row was last marked published (this process's clock); 0: never. */
  long lastPublishedMillis() {
    return lastPublishedMillis;
  }

  /** Meters: how long each confirmed row waited since it was written, both times by the database's clock. */
  private void timeConfirmed(List<PendingRow> batch, List<Long> confirmed, long confirmedAtMillis) {
    PublishTimer timer = publishTimer;
    if (timer == PublishTimer.NONE || confirmed.isEmpty()) {
      return;
    }
    int next = 0;                                  // confirmed keeps the batch's order
    for (PendingRow row : batch) {
      if (next < confirmed.size() && confirmed.get(next) == row.id()) {
        timer.confirmed(row.message().destination(), Math.max(0, confirmedAtMillis - row.createdAtMillis()));
        next++;
      }
    }
  }

  /** One dead-letter line per parked row, once the rows are in the dead-letter table. */
  private static void logParked(List<PendingRow> batch, List<OutboxRows.Failure> park) {
    for (OutboxRows.Failure f : park) {
      for (PendingRow row : batch) {
        if (row.id() == f.id()) {
          OutgoingMessage m = row.message();
          try (LogContext ignored = LogContext.of(LogContext.MESSAGE_ID, m.messageId().toString())) {
            DeadLetterLog.parked(DeadLetter.Source.OUTBOX, m.messageId(), m.wireName(),
                m.destination().conventionalName(), f.attempts(), f.error());
          }
          break;
        }
      }
    }
  }
}

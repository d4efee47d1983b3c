package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.DeadLetterLog;
import io.whizbang.runtime.internal.tracing.InboxOutcome;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the inbox does with a message whose handlers failed or could not run: count the run durably, retry it after
 * its policy's delay, or park it in the dead-letter table together with its inbox row. Each returns the delay to
 * release the delivery with, or null when it may be acknowledged.
 */
final class FailedRuns {
  private static final Logger LOG = LoggerFactory.getLogger(FailedRuns.class);

  private final String consumerId;
  private final InboxTransactions transactions;
  private final InboxTable inbox;
  private final HandlerRuns runs;
  private final DeadLetterTable deadLetters;
  private final InboxConfig.RetryPolicy defaultPolicy;
  private final Clock clock;
  private final InboxCounters counters;

  FailedRuns(String consumerId, InboxTransactions transactions, InboxTable inbox, HandlerRuns runs,
      DeadLetterTable deadLetters, InboxConfig.RetryPolicy defaultPolicy, Clock clock, InboxCounters counters) {
    this.consumerId = consumerId;
    this.transactions = transactions;
    this.inbox = inbox;
    this.runs = runs;
    this.deadLetters = deadLetters;
    this.defaultPolicy = defaultPolicy;
    this.clock = clock;
    this.counters = counters;
  }

  /**
   * Decides between a retry and the dead-letter table after a failed handler run, from the durable count of runs.
   *
   * @param counted the run's number when it was counted before it started, else 0 (counted now)
   */
  Duration failed(Received r, Exception e, InboxConfig.RetryPolicy policy, int counted) {
    if (Failures.isDatabaseUnavailable(e)) {
      return databaseUnavailable(r, e, policy, counted);
    }
    int attempt = counted > 0 ? counted : countRun(r);
    if (attempt == 0) {
      // The count could not be written (the database is gone): unavailability, not the message's fault.
      Duration delay = policy.delayAfter(1);
      LOG.warn("Handling {} for '{}' failed and the failed run could not be counted in {}; retrying in {} ms",
          r, consumerId, runs.name(), delay.toMillis(), e);
      return delay;
    }
    if (Failures.isPermanent(e)) {
      return park(r, Failures.reason(e), e, attempt);
    }
    if (policy.retriesAfter(attempt)) {
      Duration delay = policy.delayAfter(attempt);
      counters.retried.incrementAndGet();
      LOG.warn("Attempt {} of {} to handle {} for '{}' failed; retrying in {} ms", attempt, policy.maxAttempts(), r,
          consumerId, delay.toMillis(), e);
      return delay;
    }
    return park(r, "Handling failed " + attempt + " time(s); the last failure: " + Failures.reason(e), e, attempt);
  }

  /**
   * The database went away while the handlers ran: the run is not the message's fault and spends no attempt. A run
   * counted before it started (a redelivery) is taken back when the database allows; when it does not, that one
   * count stays (the message then has one attempt fewer, never zero: it is still counted only once per run).
   */
  private Duration databaseUnavailable(Received r, Exception e, InboxConfig.RetryPolicy policy, int counted) {
    if (counted > 0) {
      uncountRun(r);
    }
    Duration delay = policy.delayAfter(1);
    LOG.warn("The database went away while handling {} for '{}'; released without spending an attempt, tried again"
        + " in {} ms: {}", r, consumerId, delay.toMillis(), Failures.reason(e));
    return delay;
  }

  private void uncountRun(Received r) {
    try {
      transactions.run(c -> runs.uncountRun(c, consumerId, r.inboxKey));
    } catch (InboxTransactions.NoConnection e) {
      LOG.debug("No connection to take back the run count of {} for '{}'", r, consumerId, e.getCause());
    } catch (Exception e) {
      LOG.debug("Could not take back the run count of {} for '{}'", r, consumerId, e);
    }
  }

  /** The handler could not be started (no connection, the inbox insert failed): released, no attempt spent. */
  Duration notRun(Received r, InboxConfig.RetryPolicy policy, Exception e) {
    Duration delay = policy.delayAfter(1);
    LOG.warn("Could not run the handlers of {} for '{}'; released without spending an attempt, tried again in {} ms",
        r, consumerId, delay.toMillis(), e);
    return delay;
  }

  /**
   * Counts one more run of {@code r} in a short transaction of its own; returns the runs counted so far, or 0 when
   * the count could not be written.
   */
  int countRun(Received r) {
    try {
      return transactions.run(c -> runs.countRun(c, consumerId, r.inboxKey, clock.millis()));
    } catch (InboxTransactions.NoConnection e) {
      LOG.warn("No connection to count a run of {} for '{}'", r, consumerId, e.getCause());
      return 0;
    } catch (Exception e) {
      LOG.warn("Could not count a run of {} for '{}' in {}", r, consumerId, runs.name(), e);
      return 0;
    }
  }

  /** Parks {@code r} in the dead-letter table together with its inbox row; null on success, else a retry delay. */
  Duration park(Received r, String reason, Throwable cause, int attemptCount) {
    boolean parked;
    try {
      parked = transactions.run(c -> {
        long now = clock.millis();
        if (!inbox.insertParked(c, consumerId, r.inboxKey, now)) {
          c.rollback(); // handled or parked before (a redelivery after a lost acknowledgement)
          return false;
        }
        deadLetters.insert(c, consumerId, r.inboxKey, r.wireName(), r.partitionKey(), reason,
            cause == null ? null : Failures.stackSummary(cause), r.delivery.body(), attemptCount, now);
        return true;
      });
    } catch (InboxTransactions.NoConnection e) {
      return cannotPark(r, e.getCause());
    } catch (Exception e) {
      return cannotPark(r, e);
    }
    if (!parked) {
      counters.duplicates.incrementAndGet();
      r.trace.outcome(InboxOutcome.DUPLICATE);
      return null;
    }
    counters.deadLettered.incrementAndGet();
    r.trace.outcome(InboxOutcome.DEAD_LETTERED);
    DeadLetterLog.parked(DeadLetter.Source.INBOX, r.inboxKey, r.wireName(), consumerId, attemptCount, reason);
    return null;
  }

  private Duration cannotPark(Received r, Exception e) {
    Duration delay = defaultPolicy.initialDelay();
    LOG.error("Could not park {} for '{}' in {}; it is released and tried again in {} ms", r, consumerId,
        deadLetters.name(), delay.toMillis(), e);
    return delay;
  }
}

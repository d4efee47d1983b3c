package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.metrics.HandlerTimer;
import io.whizbang.runtime.internal.tracing.InboxOutcome;
import io.whizbang.runtime.outbox.Outbox;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactions that apply delivered messages, one alone or several together, each in the same sequence: insert
 * the inbox row (a row already there is a duplicate, not run again), run the handlers, append what they sent or
 * published to the outbox, commit, then wake this process's relays. A failed run goes to {@link FailedRuns}.
 */
final class HandlingTransactions {
  // The consumer's logger: one logger to configure for what the inbox decides about its messages.
  private static final Logger LOG = LoggerFactory.getLogger(InboxConsumer.class);

  /** What a handling transaction ended with. */
  private enum Outcome { DUPLICATE, APPLIED, APPLIED_AND_WROTE }

  private final String consumerId;
  private final InboxTransactions transactions;
  private final InboxTable inbox;
  private final Outbox outbox;
  private final InboxHandlers handlers;
  private final HandlerTimer handlerTimer;
  private final FailedRuns failedRuns;
  private final InboxCounters counters;
  private final Clock clock;

  HandlingTransactions(String consumerId, InboxTransactions transactions, InboxTable inbox, Outbox outbox,
      InboxHandlers handlers, HandlerTimer handlerTimer, FailedRuns failedRuns, InboxCounters counters, Clock clock) {
    this.consumerId = consumerId;
    this.transactions = transactions;
    this.inbox = inbox;
    this.outbox = outbox;
    this.handlers = handlers;
    this.handlerTimer = handlerTimer;
    this.failedRuns = failedRuns;
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * Applies one message in its own transaction; null when it may be acknowledged, else the retry delay.
   *
   * @param counted the run's number when it was counted before it started, else 0 (counted only if it fails)
   */
  Duration applyAlone(Received r, InboxConfig.RetryPolicy policy, int counted) {
    List<OutgoingMessage> produced = new ArrayList<>(2);
    boolean[] ran = {false};
    Outcome outcome;
    try {
      outcome = transactions.run(c -> {
        if (!inbox.insert(c, consumerId, r.inboxKey, clock.millis())) {
          return Outcome.DUPLICATE; // committed, not rolled back: the insert also deleted a stale run count
        }
        ran[0] = true;
        boolean wrote = timedRun(r, c, produced);
        if (!produced.isEmpty()) {
          outbox.append(c, produced);
        }
        return wrote ? Outcome.APPLIED_AND_WROTE : Outcome.APPLIED;
      });
    } catch (InboxTransactions.NoConnection e) {
      return failedRuns.notRun(r, policy, e.getCause());
    } catch (Exception e) {
      // An Error passes: a crash of the process, rolled back; the run is counted only if it was counted before.
      if (ran[0]) {
        r.trace.failed(e);
      }
      return ran[0] ? failedRuns.failed(r, e, policy, counted) : failedRuns.notRun(r, policy, e);
    }
    if (outcome == Outcome.DUPLICATE) {
      counters.duplicates.incrementAndGet();
      r.trace.outcome(InboxOutcome.DUPLICATE);
      return null;
    }
    counters.handled.incrementAndGet();
    // Also when the context produced nothing but a handler took the transaction: it may have written outbox rows
    // itself (an aggregate saved with repository.save(context.connection(), ...)), and this process's relays should
    // publish them now rather than at their next poll.
    if (!produced.isEmpty() || outcome == Outcome.APPLIED_AND_WROTE) {
      outbox.signalCommitted();
    }
    return null;
  }

  /**
   * Applies several messages in one transaction and acknowledges them; false (nothing applied, nothing settled)
   * when any of them failed.
   */
  boolean applyTogether(List<Received> chunk) {
    List<OutgoingMessage> produced = new ArrayList<>();
    boolean[] duplicate = new boolean[chunk.size()];
    boolean wroteToDatabase;
    try {
      wroteToDatabase = transactions.run(c -> {
        List<UUID> keys = new ArrayList<>(chunk.size());
        for (Received r : chunk) {
          keys.add(r.inboxKey);
        }
        boolean[] fresh = inbox.insertAll(c, consumerId, keys, clock.millis());
        boolean wrote = false;
        for (int k = 0; k < chunk.size(); k++) {
          duplicate[k] = !fresh[k];
          if (fresh[k]) {
            wrote |= timedRun(chunk.get(k), c, produced);
          }
        }
        if (!produced.isEmpty()) {
          outbox.append(c, produced);
        }
        return wrote;
      });
    } catch (Exception e) {
      LOG.debug("A message of a batch of {} failed ({}); handling them one by one", chunk.size(), e.toString());
      return false;
    }
    for (int k = 0; k < chunk.size(); k++) {
      (duplicate[k] ? counters.duplicates : counters.handled).incrementAndGet();
      chunk.get(k).delivery.ack();
      chunk.get(k).trace.outcome(duplicate[k] ? InboxOutcome.DUPLICATE : InboxOutcome.APPLIED);
      chunk.get(k).trace.end(false);
    }
    if (!produced.isEmpty() || wroteToDatabase) {
      outbox.signalCommitted();                      // see applyAlone: handlers may have written outbox rows
    }
    return true;
  }

  /** One message's handlers, timed for the meters ({@link HandlerTimer#NONE} reads no clock). */
  private boolean timedRun(Received r, Connection c, List<OutgoingMessage> produced) throws Exception {
    long started = handlerTimer.start();
    try {
      return handlers.run(r, c, produced);
    } finally {
      handlerTimer.stop(started);
    }
  }
}

package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.inbox.InboxConfig.ExpiredMessagePolicy;
import io.whizbang.runtime.inbox.InboxConfig.StaleMessagePolicy;
import io.whizbang.runtime.internal.tracing.InboxOutcome;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies that settle a message without running its handlers, from what {@link DeliveryChecks} found: poison
 * is parked, a wire name no handler handles is ignored ({@code unknownTypes(IGNORE)}), an expired message is
 * skipped or parked ({@code expiredMessages}), one older than the inbox retention is parked or applied
 * ({@code staleMessages}).
 */
final class ArrivalPolicies {
  // The consumer's logger: one logger to configure for what the inbox decides about its messages.
  private static final Logger LOG = LoggerFactory.getLogger(InboxConsumer.class);

  /** A message settled unrun: acknowledged ({@code retryIn} null) or released to be delivered again. */
  record Settled(Duration retryIn) {}

  private static final Settled ACKNOWLEDGED = new Settled(null);

  private final String consumerId;
  private final InboxConfig config;
  private final FailedRuns failedRuns;
  private final InboxCounters counters;

  ArrivalPolicies(String consumerId, InboxConfig config, FailedRuns failedRuns, InboxCounters counters) {
    this.consumerId = consumerId;
    this.config = config;
    this.failedRuns = failedRuns;
    this.counters = counters;
  }

  /** How {@code r} was settled without running it, or null when its handlers are to run. */
  Settled settleUnrun(Received r) {
    if (r.poisonReason != null) {
      return new Settled(failedRuns.park(r, r.poisonReason, r.poisonCause, 0));
    }
    if (r.dispatchers == null) {
      counters.ignored.incrementAndGet();
      r.trace.outcome(InboxOutcome.IGNORED);
      LOG.debug("Ignored {}: no handler of '{}' handles it (unknownTypes = IGNORE)", r, consumerId);
      return ACKNOWLEDGED;
    }
    if (r.expiredAt != null) {
      return expired(r);
    }
    if (r.staleAge != null) {
      return stale(r);
    }
    return null;
  }

  /** Not handled: its time to live passed before it arrived. Skipped and counted, or parked. */
  private Settled expired(Received r) {
    if (config.expiredMessages() == ExpiredMessagePolicy.DEAD_LETTER) {
      return new Settled(failedRuns.park(r, "The message expired at " + r.expiredAt + " (its time to live) before"
          + " it arrived; it was not applied. Replay this dead letter to apply it anyway", null, 0));
    }
    counters.expired.incrementAndGet();
    r.trace.outcome(InboxOutcome.EXPIRED);
    LOG.info("Skipped {} for '{}': it expired at {}, before it arrived", r, consumerId, r.expiredAt);
    return ACKNOWLEDGED;
  }

  /** Older than the inbox retention: its inbox row may have been cleaned up after it was applied. */
  private Settled stale(Received r) {
    Duration retention = config.cleanupRetention();
    if (config.staleMessages() == StaleMessagePolicy.DEAD_LETTER) {
      // Parked unless handled before (then it is only acknowledged): never applied a second time unseen.
      return new Settled(failedRuns.park(r, "The message was published " + MessageAge.describe(r.staleAge) + " ago,"
          + " longer than the inbox retention (" + MessageAge.describe(retention) + "): it may have been applied"
          + " before and its inbox row cleaned up, so it was not applied. Replay this dead letter to apply it, or set"
          + " staleMessages(APPLY) to apply such replays", null, 0));
    }
    LOG.info("Applying {} for '{}', published {} ago, longer than the inbox retention ({}): staleMessages(APPLY)",
        r, consumerId, MessageAge.describe(r.staleAge), MessageAge.describe(retention));
    return null;
  }
}

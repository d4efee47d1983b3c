package io.whizbang.runtime;

import io.whizbang.runtime.Health.Component;
import io.whizbang.runtime.Health.Status;
import io.whizbang.runtime.Health.Thresholds;
import io.whizbang.runtime.inbox.Inbox;
import io.whizbang.runtime.inbox.InboxStats;
import io.whizbang.runtime.outbox.OutboxBacklog;
import io.whizbang.runtime.projection.ProjectionProgress;
import io.whizbang.runtime.projection.RunningProjection;
import io.whizbang.runtime.relay.RelayStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a service can see of itself into a {@link Health}: one method per component, each with its rule (the
 * rules are documented in docs/observability.md, "Health"; keep the two in step).
 */
final class ServiceHealth {
  private final Thresholds thresholds;
  private final List<Component> components = new ArrayList<>();
  private final Map<String, Object> deadLetterCounts = new LinkedHashMap<>();
  private long deadLetters;
  private String deadLetterFailure;

  ServiceHealth(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** Not started, or closed: DOWN. */
  ServiceHealth service(String state) {
    Status s = state.equals("STARTED") ? Status.UP : Status.DOWN;
    components.add(new Component("service", s, s == Status.UP ? "" : "the service is " + state.toLowerCase()
        + (state.equals("BUILT") ? " and not started" : ""), Map.of("state", state)));
    return this;
  }

  /** Stopped (closed, or its thread died): DOWN; failing rounds (the database unreachable): DEGRADED. */
  ServiceHealth relay(RelayStats stats) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("relay", stats.relay());
    values.put("running", stats.running());
    values.put("lastPublishedAt", stats.lastPublishedAt());
    values.put("failingRounds", stats.failingRounds());
    values.put("published", stats.published());
    values.put("leasedPartitions", stats.leasedPartitions().size());
    Status s = Status.UP;
    String reason = "";
    if (!stats.running()) {
      s = Status.DOWN;
      reason = "the relay is not running: nothing this service writes to the outbox is published";
    } else if (stats.failingRounds() > 0) {
      s = Status.DEGRADED;
      reason = "the relay failed its last " + stats.failingRounds() + " round(s)";
    }
    components.add(new Component("relay", s, reason, values));
    return this;
  }

  /** The oldest unpublished row's age against {@link Thresholds#outboxDegraded()} and {@code outboxDown()}. */
  ServiceHealth outbox(OutboxBacklog backlog) {
    OutboxBacklog.Backlog b;
    try {
      b = backlog.read();
    } catch (Exception e) {
      components.add(new Component("outbox", Status.DOWN, "the outbox cannot be read: " + e,
          Map.of()));
      return this;
    }
    Duration age = b.oldest();
    Status s = age.compareTo(thresholds.outboxDown()) > 0 ? Status.DOWN
        : age.compareTo(thresholds.outboxDegraded()) > 0 ? Status.DEGRADED : Status.UP;
    String reason = s == Status.UP ? "" : "the oldest unpublished outbox row waits for " + age.toMillis() + " ms, more"
        + " than " + (s == Status.DOWN ? thresholds.outboxDown() : thresholds.outboxDegraded());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("pending", b.pending());
    values.put("oldestPendingAgeMs", age.toMillis());
    components.add(new Component("outbox", s, reason, values));
    return this;
  }

  /** A subscription: DOWN when it is not open; its inbox's counters and dead letters when it has one. */
  ServiceHealth subscriber(String subscriberId, boolean subscribed, Inbox inbox) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("subscribed", subscribed);
    if (inbox != null) {
      InboxStats stats = inbox.stats();
      values.put("handled", stats.handled());
      values.put("duplicates", stats.duplicates());
      values.put("retried", stats.retried());
      values.put("deadLettered", stats.deadLettered());
      countDeadLetters("inbox:" + subscriberId, inbox.deadLetters());
    }
    components.add(new Component("subscriber:" + subscriberId, subscribed ? Status.UP : Status.DOWN,
        subscribed ? "" : "not subscribed", values));
    return this;
  }

  /** Failed or stopped: DOWN; starting or backfilling: DEGRADED (not caught up); live beyond the lag: DEGRADED. */
  ServiceHealth projection(ProjectionProgress p) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("phase", p.phase().name());
    values.put("lagMs", p.lag().toMillis());
    values.put("cursor", p.cursor());
    values.put("backfilled", p.backfilled());
    values.put("liveApplied", p.liveApplied());
    values.put("parked", p.parked());
    deadLetterCounts.put("projection:" + p.projection(), p.parked());
    deadLetters += p.parked();
    Status s;
    String reason;
    switch (p.phase()) {
      case LIVE -> {
        boolean behind = thresholds.projectionLag() != null && p.lag().compareTo(thresholds.projectionLag()) > 0;
        s = behind ? Status.DEGRADED : Status.UP;
        reason = behind ? "its last applied event occurred " + p.lag().toMillis() + " ms ago, more than "
            + thresholds.projectionLag() : "";
      }
      case STARTING, BACKFILLING -> {
        s = Status.DEGRADED;
        reason = "not caught up yet (" + p.phase().name().toLowerCase() + ")";
      }
      default -> {
        s = Status.DOWN;
        reason = p.phase() == RunningProjection.Phase.FAILED ? "failed: " + p.failure()
            : "not running (" + p.phase().name().toLowerCase() + ")";
      }
    }
    components.add(new Component("projection:" + p.projection(), s, reason, values));
    return this;
  }

  /** The outbox's dead letters (they count with the inboxes' and the projections'). */
  ServiceHealth outboxDeadLetters(DeadLetters outbox) {
    countDeadLetters("outbox", outbox);
    return this;
  }

  private void countDeadLetters(String owner, DeadLetters letters) {
    try {
      long n = letters.count();
      deadLetterCounts.put(owner, n);
      deadLetters += n;
    } catch (RuntimeException e) {
      deadLetterCounts.put(owner, null);
      deadLetterFailure = "the dead letters of " + owner + " cannot be counted: " + e;
    }
  }

  /** The components so far, the dead letters last, and the worst status. */
  Health build(String service, Instant now) {
    List<Component> all = new ArrayList<>(components);
    if (!deadLetterCounts.isEmpty()) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("total", deadLetters);
      values.putAll(deadLetterCounts);
      boolean tooMany = thresholds.deadLetters() > 0 && deadLetters >= thresholds.deadLetters();
      Status s = deadLetterFailure != null || tooMany ? Status.DEGRADED : Status.UP;
      String reason = deadLetterFailure != null ? deadLetterFailure
          : tooMany ? deadLetters + " dead letter(s) wait for a replay or a discard" : "";
      all.add(new Component("deadLetters", s, reason, values));
    }
    Status worst = Status.UP;
    for (Component c : all) {
      worst = worst.and(c.status());
    }
    return new Health(service, worst, now, all);
  }
}

package io.whizbang.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One look at a running service ({@link Whizbang#health()}): a status per component (the service itself, its relay,
 * its outbox backlog, each subscription, dead letters, watched projections) and the worst of them as the service's
 * own. {@link Status#DOWN} means "do not send traffic here" (a readiness probe fails); {@link Status#DEGRADED} needs
 * an operator's look but the service still works. The rules and thresholds: docs/observability.md, "Health".
 *
 * @param service the service name
 * @param status the worst status of the components
 * @param checkedAt when the snapshot was taken
 * @param components one entry per component, in a stable order
 */
public record Health(String service, Status status, Instant checkedAt, List<Component> components) {

  public Health {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkedAt, "checkedAt");
    components = List.copyOf(components);
  }

  /** From best to worst. */
  public enum Status {
    /** Working as configured. */
    UP,
    /** Working, but something needs a look: a backlog growing, dead letters, a projection not caught up. */
    DEGRADED,
    /** Not doing its job: not started, closed, the relay stopped, the outbox unreadable or far behind. */
    DOWN;

    /** The worse of the two. */
    public Status and(Status other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  /**
   * One part of the service.
   *
   * @param name e.g. {@code relay}, {@code outbox}, {@code subscriber:shipping}, {@code projection:order-list}
   * @param status this part's status
   * @param reason why it is not {@link Status#UP}, in words; empty when it is
   * @param values what the status was decided from, in a stable order: numbers, booleans, text and instants;
   *     durations as milliseconds under names ending in {@code Ms}
   */
  public record Component(String name, Status status, String reason, Map<String, Object> values) {
    public Component {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      reason = reason == null ? "" : reason;
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /**
   * When a component stops being {@link Status#UP}; set with {@code Whizbang.builder().health(...)}.
   *
   * @param outboxDegraded the oldest unpublished outbox row is older than this: DEGRADED (default 30 s)
   * @param outboxDown ... older than this: DOWN (default 5 min); at least {@code outboxDegraded}
   * @param deadLetters this many dead letters (inboxes, outbox and watched projections together) or more: DEGRADED
   *     (default 1; 0 never degrades for dead letters)
   * @param projectionLag a live projection whose last applied event occurred longer ago than this: DEGRADED;
   *     {@code null} (the default) never, since a quiet source domain makes the lag grow too
   */
  public record Thresholds(Duration outboxDegraded, Duration outboxDown, long deadLetters, Duration projectionLag) {
    public Thresholds {
      Objects.requireNonNull(outboxDegraded, "outboxDegraded");
      Objects.requireNonNull(outboxDown, "outboxDown");
      if (outboxDegraded.isNegative() || outboxDegraded.isZero()) {
        throw new IllegalArgumentException("health outboxDegraded must be positive, was " + outboxDegraded);
      }
      if (outboxDown.compareTo(outboxDegraded) < 0) {
        throw new IllegalArgumentException("health outboxDown (" + outboxDown + ") must be at least outboxDegraded ("
            + outboxDegraded + ")");
      }
      if (deadLetters < 0) {
        throw new IllegalArgumentException("health deadLetters must be 0 (never) or more, was " + deadLetters);
      }
      if (projectionLag != null && (projectionLag.isNegative() || projectionLag.isZero())) {
        throw new IllegalArgumentException("health projectionLag must be positive or null (never), was "
            + projectionLag);
      }
    }

    /** 30 s / 5 min for the outbox, 1 dead letter, no projection lag check. */
    public static Thresholds defaults() {
      return new Thresholds(Duration.ofSeconds(30), Duration.ofMinutes(5), 1, null);
    }

    public Thresholds withOutbox(Duration degraded, Duration down) {
      return new Thresholds(degraded, down, deadLetters, projectionLag);
    }

    public Thresholds withDeadLetters(long degradedAt) {
      return new Thresholds(outboxDegraded, outboxDown, degradedAt, projectionLag);
    }

    public Thresholds withProjectionLag(Duration degraded) {
      return new Thresholds(outboxDegraded, outboxDown, deadLetters, degraded);
    }
  }

  /** For a readiness probe: false only when {@link Status#DOWN}. */
  public boolean ready() {
    return status != Status.DOWN;
  }

  /** The component named {@code name}, or null. */
  public Component component(String name) {
    for (Component c : components) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The snapshot as a JSON object (what the event feed server's {@code /health} answers). */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("service", service);
      g.writeStringField("status", status.name());
      g.writeStringField("checkedAt", checkedAt.toString());
      g.writeArrayFieldStart("components");
      for (Component c : components) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("status", c.status().name());
        g.writeStringField("reason", c.reason());
        g.writeObjectFieldStart("values");
        for (Map.Entry<String, Object> v : c.values().entrySet()) {
          writeValue(g, v.getKey(), v.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeValue(JsonGenerator g, String name, Object value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else if (value instanceof Long || value instanceof Integer) {
      g.writeNumberField(name, ((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      g.writeBooleanField(name, b);
    } else {
      g.writeStringField(name, value.toString());
    }
  }
}

package io.whizbang.kafka;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a replay starts on every partition of the topic: {@code ReplayFrom.beginning()} (the oldest record the
 * topic's retention still holds) or {@code ReplayFrom.timestamp(instant)} (the first record at or after it).
 */
public final class ReplayFrom {

  private static final ReplayFrom BEGINNING = new ReplayFrom(null);

  private final Instant timestamp;

  private ReplayFrom(Instant timestamp) {
    this.timestamp = timestamp;
  }

  /** From the oldest retained record of each partition. */
  public static ReplayFrom beginning() {
    return BEGINNING;
  }

  /** From the first record of each partition whose Kafka timestamp is at or after {@code instant}. */
  public static ReplayFrom timestamp(Instant instant) {
    return new ReplayFrom(Objects.requireNonNull(instant, "instant"));
  }

  /** The start time, or {@code null} for the beginning. */
  Instant instant() {
    return timestamp;
  }

  @Override
  public String toString() {
    return timestamp == null ? "beginning" : "timestamp " + timestamp;
  }
}

package io.whizbang.runtime.projection;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a projection without a checkpoint starts its backfill: the whole history, or the events that occurred at or
 * after a point in time. A projection with a checkpoint always resumes from it.
 *
 * <pre>{@code
 * engine.backfillFrom(BackfillFrom.BEGINNING);                          // the seed's BackfillFrom = MinValue
 * engine.backfillFrom(BackfillFrom.at(Instant.parse("2026-01-01T00:00:00Z")));
 * }</pre>
 */
public final class BackfillFrom {
  /** The whole history. */
  public static final BackfillFrom BEGINNING = new BackfillFrom(null);

  private final Instant instant;

  private BackfillFrom(Instant instant) {
    this.instant = instant;
  }

  /** Events that occurred at or after {@code instant}. */
  public static BackfillFrom at(Instant instant) {
    return new BackfillFrom(Objects.requireNonNull(instant, "instant"));
  }

  /** The point in time, or {@code null} for the beginning. */
  public Instant instant() {
    return instant;
  }

  @Override
  public String toString() {
    return instant == null ? "BackfillFrom.BEGINNING" : "BackfillFrom.at(" + instant + ")";
  }
}

package io.whizbang.runtime.internal.inbox;

import io.whizbang.runtime.transport.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How old a delivered message is by the broker's clock, against the inbox retention; and ages as people read them. */
final class MessageAge {
  private MessageAge() {}

  /**
   * The time since the broker took {@code delivery}, when that is longer than {@code retention}: its inbox row, had
   * it been handled, may be cleaned up by now. Null when younger, or when the broker does not say.
   */
  static Duration beyondRetention(Delivery delivery, Clock clock, Duration retention) {
    Instant publishedAt = delivery.publishedAt();
    if (publishedAt == null) {
      return null;
    }
    Duration age = Duration.between(publishedAt, clock.instant());
    return age.compareTo(retention) > 0 ? age : null;
  }

  /** A duration as people read it: {@code 8d 2h}, {@code 3h 5m}, {@code 4m 2s}, {@code 42s}. */
  static String describe(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + "d " + d.toHoursPart() + "h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h " + d.toMinutesPart() + "m";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + "m " + d.toSecondsPart() + "s";
    }
    return d.toSeconds() + "s";
  }
}

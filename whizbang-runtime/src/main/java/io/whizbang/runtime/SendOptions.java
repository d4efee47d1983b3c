package io.whizbang.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one message is sent or published, overriding what its type declares: its broker priority, its time to live,
 * and when it is delivered. Immutable; each method returns a copy with one option changed.
 *
 * <pre>{@code
 * ScheduledMessage reminder = orders.send(new RemindUnpaid(orderId),
 *     SendOptions.defaults().deliverAfter(Duration.ofMinutes(30)).timeToLive(Duration.ofHours(1))).join();
 * orders.cancel(reminder);   // true while it is not yet due
 * }</pre>
 *
 * <p>A scheduled message (one with a delivery time) waits in the outbox's schedule until it is due by the
 * database's clock, so it needs a service with storage. See docs/message-options.md.
 */
public final class SendOptions {

  private static final SendOptions DEFAULTS = new SendOptions(-1, null, null, null);

  /** -1: the type's priority. */
  private final int priority;
  private final Duration timeToLive;
  private final Instant deliverAt;
  private final Duration deliverAfter;

  private SendOptions(int priority, Duration timeToLive, Instant deliverAt, Duration deliverAfter) {
    this.priority = priority;
    this.timeToLive = timeToLive;
    this.deliverAt = deliverAt;
    this.deliverAfter = deliverAfter;
  }

  /** What the message type declares: its priority and time to live, delivered at once. */
  public static SendOptions defaults() {
    return DEFAULTS;
  }

  /** The broker priority of this message, 0 (lowest) to 9, instead of its type's. */
  public SendOptions priority(int value) {
    if (value < 0 || value > 9) {
      throw new IllegalArgumentException("priority must be 0..9, was " + value);
    }
    return new SendOptions(value, timeToLive, deliverAt, deliverAfter);
  }

  /**
   * How long the message is worth handling once it was sent (a scheduled one: once it became due), instead of its
   * type's time to live. A consumer skips it after that.
   */
  public SendOptions timeToLive(Duration value) {
    Objects.requireNonNull(value, "timeToLive");
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("timeToLive must be positive, was " + value);
    }
    return new SendOptions(priority, value, deliverAt, deliverAfter);
  }

  /** Delivers the message when the database's clock reaches {@code instant} (at once if it already has). */
  public SendOptions deliverAt(Instant instant) {
    return new SendOptions(priority, timeToLive, Objects.requireNonNull(instant, "deliverAt"), null);
  }

  /** Delivers the message {@code delay} after it was stored, by the database's clock. */
  public SendOptions deliverAfter(Duration delay) {
    Objects.requireNonNull(delay, "deliverAfter");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("deliverAfter must not be negative, was " + delay);
    }
    return new SendOptions(priority, timeToLive, null, delay);
  }

  /** The priority given here, or {@code typePriority} when none was. */
  public int priorityOr(int typePriority) {
    return priority < 0 ? typePriority : priority;
  }

  /** The time to live given here, or {@code typeTimeToLive} (null: for ever) when none was. */
  public Duration timeToLiveOr(Duration typeTimeToLive) {
    return timeToLive == null ? typeTimeToLive : timeToLive;
  }

  /** Whether the message waits for a delivery time ({@link #deliverAt} or {@link #deliverAfter}). */
  public boolean isScheduled() {
    return deliverAt != null || deliverAfter != null;
  }

  /** The delivery instant given with {@link #deliverAt}, or null. */
  public Instant deliverAtInstant() {
    return deliverAt;
  }

  /** The delay given with {@link #deliverAfter}, or null. */
  public Duration deliverAfterDelay() {
    return deliverAfter;
  }

  @Override
  public String toString() {
    return "SendOptions[priority=" + (priority < 0 ? "type's" : priority) + ", timeToLive="
        + (timeToLive == null ? "type's" : timeToLive) + (deliverAt != null ? ", deliverAt=" + deliverAt : "")
        + (deliverAfter != null ? ", deliverAfter=" + deliverAfter : "") + "]";
  }
}

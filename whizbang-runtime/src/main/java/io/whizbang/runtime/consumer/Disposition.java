package io.whizbang.runtime.consumer;

import java.time.Duration;
import java.util.Objects;

/**
 * How a consumed message is settled with the broker once the stages are done with it.
 *
 * <pre>{@code return alreadyHandled ? Disposition.ack() : next.proceed(message);}</pre>
 */
public final class Disposition {

  private static final Disposition ACK = new Disposition(null);

  private final Duration releaseDelay;

  private Disposition(Duration releaseDelay) {
    this.releaseDelay = releaseDelay;
  }

  /** Handled (or parked): the broker must not deliver it to this subscriber again. */
  public static Disposition ack() {
    return ACK;
  }

  /** Not handled: the broker delivers it again after {@code delay}. */
  public static Disposition release(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("release delay must not be negative, was " + delay);
    }
    return new Disposition(delay);
  }

  public boolean isAck() {
    return releaseDelay == null;
  }

  /** The delay before redelivery; only meaningful when not {@link #isAck()}. */
  public Duration releaseDelay() {
    return releaseDelay == null ? Duration.ZERO : releaseDelay;
  }

  @Override
  public String toString() {
    return isAck() ? "ack" : "release(" + releaseDelay + ")";
  }
}

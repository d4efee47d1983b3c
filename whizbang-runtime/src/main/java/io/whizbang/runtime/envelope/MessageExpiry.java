package io.whizbang.runtime.envelope;

import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A message's expiry: the instant after which it is not worth handling, carried in its envelope headers (header
 * {@value #HEADER}, an ISO-8601 instant) and copied to the broker headers ({@link BrokerHeaders#EXPIRES_AT}) so that
 * a transport can hand the remaining time to a broker that expires messages itself.
 *
 * <pre>{@code
 * if (MessageExpiry.isExpired(envelope, clock.instant())) { ... skip it ... }
 * }</pre>
 */
public final class MessageExpiry {

  /** The envelope header holding the expiry instant. */
  public static final String HEADER = "whizbang-expires-at";

  private MessageExpiry() {}

  /** {@code headers} with the expiry {@code expiresAt} added (a new map; {@code headers} is left as it is). */
  public static Map<String, String> with(Map<String, String> headers, Instant expiresAt) {
    Map<String, String> copy = new HashMap<>(headers);
    copy.put(HEADER, expiresAt.toString());
    return copy;
  }

  /** The expiry of {@code envelope}, or null when it has none (or one that is not an instant: never expires). */
  public static Instant of(Envelope envelope) {
    return parse(envelope.headers().get(HEADER));
  }

  /** Whether {@code envelope} carries an expiry that {@code now} has passed. */
  public static boolean isExpired(Envelope envelope, Instant now) {
    return expiredAt(envelope, now) != null;
  }

  /** The expiry of {@code envelope} when {@code now} has passed it; else null. */
  public static Instant expiredAt(Envelope envelope, Instant now) {
    Instant expiresAt = of(envelope);
    return expiresAt != null && now.isAfter(expiresAt) ? expiresAt : null;
  }

  /**
   * The milliseconds {@code message} has left at {@code nowMillis}, at least 1 (an expired message is left to the
   * consumer, which counts it), or -1 when it never expires. For a broker's own per-message expiration.
   */
  public static long remainingMillis(OutgoingMessage message, long nowMillis) {
    Instant expiresAt = parse(message.headers().get(BrokerHeaders.EXPIRES_AT));
    if (expiresAt == null) {
      return -1;
    }
    return Math.max(1, expiresAt.toEpochMilli() - nowMillis);
  }

  private static Instant parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeException e) {
      return null;
    }
  }
}

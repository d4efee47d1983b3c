package io.whizbang.runtime.internal;

import io.whizbang.runtime.core.internal.Clipped;

import io.whizbang.runtime.DeadLetter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WARN line written for every dead letter, wherever it is parked (an inbox, the outbox relay, a
 * projection), all on one logger ({@value #LOGGER}) so that operators can route or alert on it alone. It names the
 * message, its owner, the attempts and the reason, never the payload. See docs/observability.md, "Logs".
 */
public final class DeadLetterLog {
  /** The logger every dead-letter line is written to. */
  public static final String LOGGER = "io.whizbang.deadletter";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  /** A reason quotes exceptions that may quote input: bounded, and one line. */
  private static final int MAX_REASON = 1000;

  private DeadLetterLog() {}

  /**
   * Logs that {@code messageId} ({@code wireName}: null when it could not be decoded) was parked by {@code owner}
   * (a subscriber id, an outbox destination, a projection name) after {@code attempts} attempts.
   */
  public static void parked(DeadLetter.Source source, UUID messageId, String wireName, String owner, int attempts,
      String reason) {
    LOG.warn("Dead letter: {} {} of {} '{}' parked after {} attempt(s): {}", wireName == null ? "(undecodable)"
        : Clipped.text(wireName, 200), messageId, ownerKind(source), Clipped.text(owner, 200), attempts,
        Clipped.text(reason, MAX_REASON));
  }

  private static String ownerKind(DeadLetter.Source source) {
    return switch (source) {
      case INBOX -> "subscriber";
      case OUTBOX -> "destination";
      case PROJECTION -> "projection";
    };
  }
}

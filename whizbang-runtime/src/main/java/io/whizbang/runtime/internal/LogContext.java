package io.whizbang.runtime.internal;

import io.whizbang.runtime.core.internal.Clipped;

import io.whizbang.runtime.envelope.Envelope;
import org.slf4j.MDC;

/**
 * The SLF4J MDC entries of one message while the runtime works on it (a handler runs, the relay publishes it): put
 * on open, and on close put back what the thread had before, so a pooled thread never carries a message's ids to the
 * next one and a nested scope leaves its caller's entries as they were. The keys are documented in
 * docs/observability.md, "Logs"; they are part of what operators configure their log layouts with, so they do not
 * change.
 *
 * <pre>{@code
 * try (LogContext ignored = LogContext.message(envelope, LogContext.SUBSCRIBER, "shipping")) {
 *   dispatcher.dispatch(envelope, context);
 * }
 * }</pre>
 */
public final class LogContext implements AutoCloseable {
  public static final String MESSAGE_ID = "wb.messageId";
  public static final String CORRELATION_ID = "wb.correlationId";
  public static final String WIRE_NAME = "wb.wireName";
  public static final String PARTITION_KEY = "wb.partitionKey";
  public static final String SUBSCRIBER = "wb.subscriber";
  public static final String PROJECTION = "wb.projection";
  public static final String RELAY = "wb.relay";

  /** A partition key is user data of any length: the MDC (and so every log line) gets at most this much of it. */
  private static final int MAX_KEY = 64;

  private final String[] keys;
  private final String[] previous;

  private LogContext(String[] keysAndValues) {
    int n = keysAndValues.length / 2;
    keys = new String[n];
    previous = new String[n];
    for (int i = 0; i < n; i++) {
      String key = keysAndValues[2 * i];
      String value = keysAndValues[2 * i + 1];
      keys[i] = key;
      previous[i] = MDC.get(key);
      if (value == null) {
        MDC.remove(key);                // an outer message's value would name the wrong message
      } else {
        MDC.put(key, value);
      }
    }
  }

  /** Puts {@code key1, value1, key2, value2...}; a null value removes its key for the scope. */
  public static LogContext of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    return new LogContext(keysAndValues);
  }

  /**
   * The ids of {@code envelope} (null: an undecodable message, whose ids are unknown and removed) and its owner:
   * {@code ownerKey} is {@link #SUBSCRIBER}, {@link #PROJECTION} or {@link #RELAY}.
   */
  public static LogContext message(Envelope envelope, String ownerKey, String owner) {
    if (envelope == null) {
      return of(ownerKey, owner, MESSAGE_ID, null, CORRELATION_ID, null, WIRE_NAME, null, PARTITION_KEY, null);
    }
    return of(ownerKey, owner,
        MESSAGE_ID, envelope.messageId().toString(),
        CORRELATION_ID, envelope.correlationId().toString(),
        WIRE_NAME, envelope.wireName(),
        PARTITION_KEY, Clipped.text(envelope.partitionKey(), MAX_KEY));
  }

  /** Puts back what the thread had under these keys before this scope opened. */
  @Override
  public void close() {
    for (int i = keys.length - 1; i >= 0; i--) {
      if (previous[i] == null) {
        MDC.remove(keys[i]);
      } else {
        MDC.put(keys[i], previous[i]);
      }
    }
  }
}

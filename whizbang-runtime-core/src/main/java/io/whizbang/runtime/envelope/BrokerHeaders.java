package io.whizbang.runtime.envelope;

import io.whizbang.runtime.core.internal.TraceContext;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The native broker header names every transport uses for an envelope's metadata, so tools and broker consoles
 * can see them without decoding the body (the body stays the source of truth).
 *
 * <pre>{@code
 * new OutgoingMessage(id, wireName, destination, key, priority, BrokerHeaders.of(envelope), bytes);
 * }</pre>
 */
public final class BrokerHeaders {

  public static final String MESSAGE_ID = "wb-message-id";
  public static final String TYPE = "wb-type";
  public static final String DOMAIN = "wb-domain";
  public static final String PARTITION_KEY = "wb-partition-key";
  public static final String CORRELATION_ID = "wb-correlation-id";
  public static final String CAUSATION_ID = "wb-causation-id";
  public static final String OCCURRED_AT = "wb-occurred-at";
  /** When the message expires (ISO-8601), copied from the envelope's {@link Envelope#EXPIRES_AT_HEADER}. */
  public static final String EXPIRES_AT = "wb-expires-at";
  /** W3C trace context; copied from the envelope's headers when present and valid ({@link TraceContext}). */
  public static final String TRACEPARENT = "traceparent";
  /** W3C trace context vendor state; copied with its traceparent, capped ({@link TraceContext}). */
  public static final String TRACESTATE = "tracestate";

  private BrokerHeaders() {}

  /** The broker headers for {@code envelope}: its ids, type, domain and trace context. */
  public static Map<String, String> of(Envelope envelope) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(MESSAGE_ID, envelope.messageId().toString());
    h.put(TYPE, envelope.wireName());
    h.put(DOMAIN, envelope.domain());
    if (envelope.partitionKey() != null) {
      h.put(PARTITION_KEY, envelope.partitionKey());
    }
    h.put(CORRELATION_ID, envelope.correlationId().toString());
    if (envelope.causationId() != null) {
      h.put(CAUSATION_ID, envelope.causationId().toString());
    }
    h.put(OCCURRED_AT, envelope.occurredAt().toString());
    if (!envelope.headers().isEmpty()) {
      copyAs(envelope.headers(), Envelope.EXPIRES_AT_HEADER, EXPIRES_AT, h);
      Map<String, String> trace = TraceContext.carriedOver(envelope.headers());
      copy(trace, TRACEPARENT, h);
      copy(trace, TRACESTATE, h);
    }
    return h;
  }

  private static void copy(Map<String, String> from, String name, Map<String, String> to) {
    copyAs(from, name, name, to);
  }

  private static void copyAs(Map<String, String> from, String name, String as, Map<String, String> to) {
    String v = from.get(name);
    if (v != null) {
      to.put(as, v);
    }
  }

  /** An ISO-8601 instant header, or null when absent or not an instant. */
  static java.time.Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return java.time.Instant.parse(value);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /**
   * The milliseconds {@code message} has left at {@code nowMillis} by its {@link #EXPIRES_AT} header, at least 1 (an
   * expired one is left to the consumer, which counts it), or -1 when it never expires. For a broker's own
   * per-message expiration.
   */
  public static long remainingMillis(OutgoingMessage message, long nowMillis) {
    java.time.Instant expiresAt = instant(message.headers().get(EXPIRES_AT));
    return expiresAt == null ? -1 : Math.max(1, expiresAt.toEpochMilli() - nowMillis);
  }
}

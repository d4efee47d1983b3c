package io.whizbang.runtime.internal.tracing;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where the runtime reports its messages' spans. A service given no OpenTelemetry uses {@link #NONE}, which only
 * carries the handled message's W3C trace context onward (as the runtime always did) and allocates nothing per
 * message; {@link OtelTracing} is the one implementation that names OpenTelemetry types, and its class is loaded
 * only for a service given an OpenTelemetry. No OpenTelemetry type appears here, so this interface loads without
 * the optional dependency.
 *
 * <pre>{@code
 * Map<String, String> trace = tracing.created(cause, destination, wireName, id, correlationId, true);
 * }</pre>
 */
public interface Tracing {

  /** No spans: the trace context of the message being handled is carried onward unchanged. */
  Tracing NONE = NoTracing.INSTANCE;

  /**
   * A message is created (sent or published): reports its producer span and returns the trace headers
   * ({@code traceparent}, {@code tracestate}) to write into its envelope; empty when there is no trace context.
   *
   * @param cause the message being handled, or null for an original
   * @param event true for a published event, false for a sent command
   */
  Map<String, String> created(Envelope cause, Destination destination, String wireName, UUID messageId,
      UUID correlationId, boolean event);

  /** The spans of the messages one subscription handles. */
  ConsumerTracing consumer(String subscriberId, List<SubscriptionRequest.Source> sources);

  /** Starts the span of one relay publish round of {@code batch}, linked to each message's producer span. */
  RelayTrace relaying(String relayId, List<OutgoingMessage> batch);

  /** The spans of the backfill pages a projection applies. */
  BackfillTracing backfill(String projectionName, String sourceDomain);

  /** True for {@link #NONE}: callers skip work that only feeds spans. */
  default boolean isNoop() {
    return this == NONE;
  }
}

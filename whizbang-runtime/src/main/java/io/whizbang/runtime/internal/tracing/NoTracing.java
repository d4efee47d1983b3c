package io.whizbang.runtime.internal.tracing;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.core.internal.TraceContext;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link Tracing#NONE}: one shared instance for every hook, so a service without OpenTelemetry allocates nothing
 * per message for tracing. Outgoing messages carry the handled message's trace context, checked and capped.
 */
final class NoTracing implements Tracing, ConsumerTracing, MessageTrace, MessageTrace.Scope, RelayTrace,
    BackfillTracing, BackfillTracing.PageTrace {

  static final NoTracing INSTANCE = new NoTracing();

  private NoTracing() {}

  @Override
  public Map<String, String> created(Envelope cause, Destination destination, String wireName, UUID messageId,
      UUID correlationId, boolean event) {
    // Only a valid trace context travels on, capped: the incoming headers are another process's input.
    if (cause == null || cause.headers().isEmpty()) {
      return Map.of();
    }
    return TraceContext.carriedOver(cause.headers());
  }

  @Override
  public ConsumerTracing consumer(String subscriberId, List<SubscriptionRequest.Source> sources) {
    return this;
  }

  @Override
  public RelayTrace relaying(String relayId, List<OutgoingMessage> batch) {
    return this;
  }

  @Override
  public BackfillTracing backfill(String projectionName, String sourceDomain) {
    return this;
  }

  @Override
  public MessageTrace received(Envelope envelope) {
    return this;
  }

  @Override
  public Scope current() {
    return this;
  }

  @Override
  public void outcome(InboxOutcome outcome) {}

  @Override
  public void failed(Throwable failure) {}

  @Override
  public void end(boolean released) {}

  @Override
  public void close() {}

  @Override
  public void end(int confirmed, int failed, String firstError) {}

  @Override
  public PageTrace page(List<Envelope> events) {
    return this;
  }

  @Override
  public void end(int applied, Throwable failure) {}
}

package io.whizbang.runtime.internal.tracing;

import static io.whizbang.runtime.internal.tracing.MessagingAttributes.CONSUMER_GROUP;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.CONVERSATION_ID;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.DESTINATION;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.ERROR_TYPE;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.INBOX_OUTCOME;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.MESSAGE_ID;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.OPERATION_NAME;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.OPERATION_TYPE;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.SYSTEM;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.WIRE_NAME;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer ("process") spans of one subscription. The parent of each is the producer span its message's
 * headers carry, never the lane thread's current context.
 */
final class OtelConsumerTracing implements ConsumerTracing {
  private final Tracer tracer;
  private final String system;
  private final String subscriberId;
  /** The destination each wire name of the subscription is read from. */
  private final Map<String, String> destinations = new HashMap<>();

  OtelConsumerTracing(Tracer tracer, String system, String subscriberId, List<SubscriptionRequest.Source> sources) {
    this.tracer = tracer;
    this.system = system;
    this.subscriberId = subscriberId;
    for (SubscriptionRequest.Source s : sources) {
      for (String wireName : s.wireNames()) {
        destinations.put(wireName, s.destination().conventionalName());
      }
    }
  }

  @Override
  public MessageTrace received(Envelope envelope) {
    String destination = envelope == null ? null : destinations.get(envelope.wireName());
    SpanBuilder builder = tracer.spanBuilder(destination == null ? "process" : "process " + destination)
        .setSpanKind(SpanKind.CONSUMER)
        .setParent(envelope == null ? io.opentelemetry.context.Context.root() : TraceHeaders.extract(envelope.headers()))
        .setAttribute(SYSTEM, system)
        .setAttribute(OPERATION_TYPE, "process")
        .setAttribute(OPERATION_NAME, "process")
        .setAttribute(CONSUMER_GROUP, subscriberId);
    if (destination != null) {
      builder.setAttribute(DESTINATION, destination);
    }
    if (envelope != null) {
      builder.setAttribute(MESSAGE_ID, envelope.messageId().toString())
          .setAttribute(CONVERSATION_ID, envelope.correlationId().toString())
          .setAttribute(WIRE_NAME, envelope.wireName());
    }
    return new Trace(builder.startSpan());
  }

  /** One message's span. */
  private static final class Trace implements MessageTrace {
    private final Span span;
    private InboxOutcome outcome;

    Trace(Span span) {
      this.span = span;
    }

    @Override
    public Scope current() {
      return span.makeCurrent()::close;
    }

    @Override
    public void outcome(InboxOutcome value) {
      outcome = value;
    }

    @Override
    public void failed(Throwable failure) {
      span.recordException(failure);
      span.setAttribute(ERROR_TYPE, failure.getClass().getName());
      span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }

    @Override
    public void end(boolean released) {
      InboxOutcome o = released ? InboxOutcome.RETRIED : outcome != null ? outcome : InboxOutcome.APPLIED;
      span.setAttribute(INBOX_OUTCOME, o.value());
      span.end();
    }
  }
}

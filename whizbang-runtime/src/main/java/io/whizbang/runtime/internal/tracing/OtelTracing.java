package io.whizbang.runtime.internal.tracing;

import static io.whizbang.runtime.internal.tracing.MessagingAttributes.BATCH_COUNT;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.CONVERSATION_ID;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.DESTINATION;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.MESSAGE_ID;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.OPERATION_NAME;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.OPERATION_TYPE;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.PROJECTION;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.RELAY_ID;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.SYSTEM;
import static io.whizbang.runtime.internal.tracing.MessagingAttributes.WIRE_NAME;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The spans of a service given an OpenTelemetry ({@code WhizbangBuilder.openTelemetry(...)}), named and attributed
 * after OpenTelemetry's messaging semantic conventions: a producer span per created message (its context is what
 * the message carries), a client span per relay publish round linked to the producer spans of its rows, a consumer
 * span per handled message (the child of the producer span), and a span per applied backfill page. Table and
 * reasons: docs/observability.md, "Traces".
 *
 * <pre>{@code Tracing tracing = OtelTracing.of(openTelemetry, transport.name());}</pre>
 */
public final class OtelTracing implements Tracing {

  /** The instrumentation scope of every span of the runtime. */
  public static final String SCOPE = "io.whizbang.runtime";
  /** A backfill page links at most this many distinct producer spans, OpenTelemetry's default link limit. */
  static final int MAX_PAGE_LINKS = 128;

  private final Tracer tracer;
  private final String system;

  private OtelTracing(Tracer tracer, String system) {
    this.tracer = tracer;
    this.system = system;
  }

  /** The tracing of a service on a transport named {@code transportName} ({@code Transport.name()}). */
  public static Tracing of(OpenTelemetry openTelemetry, String transportName) {
    return new OtelTracing(openTelemetry.getTracer(SCOPE), MessagingAttributes.system(transportName));
  }

  @Override
  public Map<String, String> created(Envelope cause, Destination destination, String wireName, UUID messageId,
      UUID correlationId, boolean event) {
    Context parent = producerParent(cause);
    String destinationName = destination.conventionalName();
    Span span = tracer.spanBuilder("create " + destinationName)
        .setSpanKind(SpanKind.PRODUCER)
        .setParent(parent)
        .setAttribute(SYSTEM, system)
        .setAttribute(DESTINATION, destinationName)
        .setAttribute(OPERATION_TYPE, "create")
        .setAttribute(OPERATION_NAME, event ? "publish" : "send")
        .setAttribute(MESSAGE_ID, messageId.toString())
        .setAttribute(CONVERSATION_ID, correlationId.toString())
        .setAttribute(WIRE_NAME, wireName)
        .startSpan();
    try {
      return TraceHeaders.inject(parent.with(span));
    } finally {
      // The message exists once created; its sending is the relay's (or the publisher's) work.
      span.end();
    }
  }

  /** The current span when there is one (a handler's consumer span, the caller's own), else the cause's. */
  private static Context producerParent(Envelope cause) {
    Context current = Context.current();
    if (Span.fromContext(current).getSpanContext().isValid() || cause == null) {
      return current;
    }
    return TraceHeaders.extract(cause.headers());
  }

  @Override
  public ConsumerTracing consumer(String subscriberId, List<SubscriptionRequest.Source> sources) {
    return new OtelConsumerTracing(tracer, system, subscriberId, sources);
  }

  @Override
  public RelayTrace relaying(String relayId, List<OutgoingMessage> batch) {
    String destination = commonDestination(batch);
    SpanBuilder builder = tracer.spanBuilder(destination == null ? "send" : "send " + destination)
        // CLIENT, not PRODUCER: each message has its producer ("create") span already.
        .setSpanKind(SpanKind.CLIENT)
        .setNoParent()
        .setAttribute(SYSTEM, system)
        .setAttribute(OPERATION_TYPE, "send")
        .setAttribute(OPERATION_NAME, "send")
        .setAttribute(BATCH_COUNT, (long) batch.size())
        .setAttribute(RELAY_ID, relayId);
    if (destination != null) {
      builder.setAttribute(DESTINATION, destination);
    }
    for (OutgoingMessage m : batch) {
      SpanContext producer = TraceHeaders.spanContext(m.headers());
      if (producer.isValid()) {
        builder.addLink(producer);
      }
    }
    Span span = builder.startSpan();
    return (confirmed, failed, firstError) -> {
      if (failed > 0) {
        span.setStatus(StatusCode.ERROR, failed + " of " + (confirmed + failed) + " not published: " + firstError);
      }
      span.end();
    };
  }

  private static String commonDestination(List<OutgoingMessage> batch) {
    String common = null;
    for (OutgoingMessage m : batch) {
      String name = m.destination().conventionalName();
      if (common == null) {
        common = name;
      } else if (!common.equals(name)) {
        return null;
      }
    }
    return common;
  }

  @Override
  public BackfillTracing backfill(String projectionName, String sourceDomain) {
    String destination = Destination.events(sourceDomain).conventionalName();
    return events -> {
      SpanBuilder builder = tracer.spanBuilder("process " + destination)
          .setSpanKind(SpanKind.CONSUMER)
          .setNoParent()
          .setAttribute(SYSTEM, "whizbang-feed")
          .setAttribute(DESTINATION, destination)
          .setAttribute(OPERATION_TYPE, "process")
          .setAttribute(OPERATION_NAME, "backfill")
          .setAttribute(BATCH_COUNT, (long) events.size())
          .setAttribute(MessagingAttributes.CONSUMER_GROUP, projectionName)
          .setAttribute(PROJECTION, projectionName);
      Set<String> linked = new HashSet<>();
      for (Envelope e : events) {
        if (linked.size() == MAX_PAGE_LINKS) {
          break;
        }
        SpanContext producer = TraceHeaders.spanContext(e.headers());
        if (producer.isValid() && linked.add(producer.getSpanId())) {
          builder.addLink(producer);
        }
      }
      Span span = builder.startSpan();
      return (applied, failure) -> {
        if (failure != null) {
          span.recordException(failure);
          span.setStatus(StatusCode.ERROR, failure.toString());
        }
        span.end();
      };
    };
  }
}

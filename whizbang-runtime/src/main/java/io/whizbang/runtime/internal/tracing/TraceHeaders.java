package io.whizbang.runtime.internal.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.whizbang.runtime.core.internal.TraceContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads and writes a span context in a message's headers. Always the W3C trace context: the headers are named
 * {@code traceparent} and {@code tracestate} on every broker, whatever propagators the application configured.
 * What is read is checked and capped first ({@link TraceContext}): it is another process's input.
 */
final class TraceHeaders {
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> carrier.put(key, value);

  private TraceHeaders() {}

  /** The context a message's headers carry, on the root context; the root itself when they carry none. */
  static Context extract(Map<String, String> headers) {
    if (headers.isEmpty()) {
      return Context.root();
    }
    Map<String, String> checked = TraceContext.carriedOver(headers);
    return checked.isEmpty() ? Context.root() : W3C.extract(Context.root(), checked, GETTER);
  }

  /** The span context a message's headers carry; invalid when they carry none. */
  static SpanContext spanContext(Map<String, String> headers) {
    return Span.fromContext(extract(headers)).getSpanContext();
  }

  /** The headers that carry {@code context}'s span, capped like every outgoing trace context. */
  static Map<String, String> inject(Context context) {
    Map<String, String> headers = new HashMap<>(4);
    W3C.inject(context, headers, SETTER);
    return headers.isEmpty() ? Map.of() : TraceContext.carriedOver(headers);
  }
}

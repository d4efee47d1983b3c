package io.whizbang.runtime.testfixtures;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real OpenTelemetry SDK whose ended spans are kept in memory, and the look-ups the tracing tests make on them:
 * by operation type, wire name, subscriber, message id. Every service of a test reports to the same recorder, as
 * the services of one trace report to one collector.
 *
 * <pre>{@code
 * SpanRecorder spans = new SpanRecorder();
 * Whizbang.builder()...openTelemetry(spans.openTelemetry())...
 * SpanData created = spans.awaitOne(spans.created("orders.PlaceOrder"), "the command's producer span");
 * }</pre>
 */
public final class SpanRecorder implements AutoCloseable {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();

  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** The ended spans so far. */
  public List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  public List<SpanData> all(Predicate<SpanData> which) {
    return spans().stream().filter(which).toList();
  }

  /** Waits until a span matches, and returns it; fails when several match. */
  public SpanData awaitOne(Predicate<SpanData> which, String what) {
    until(() -> !all(which).isEmpty(), what);
    List<SpanData> found = all(which);
    if (found.size() != 1) {
      throw new AssertionError("Expected one span for " + what + ", found " + found.size() + ": " + found);
    }
    return found.get(0);
  }

  /** Waits until {@code count} spans match, and returns them in the order they ended. */
  public List<SpanData> await(Predicate<SpanData> which, int count, String what) {
    until(() -> all(which).size() >= count, what);
    return all(which);
  }

  /** Over a real broker a span may wait for consumer groups to form: longer than {@link Await}'s default. */
  private static void until(java.util.function.BooleanSupplier condition, String what) {
    Await.until(condition, what, java.time.Duration.ofSeconds(60));
  }

  /** The producer ("create") span of a message of {@code wireName}. */
  public static Predicate<SpanData> created(String wireName) {
    return s -> s.getKind() == SpanKind.PRODUCER && "create".equals(attribute(s, "messaging.operation.type"))
        && wireName.equals(attribute(s, "whizbang.wire_name"));
  }

  /** The consumer ("process") spans of messages of {@code wireName} handled by {@code subscriber}. */
  public static Predicate<SpanData> processed(String wireName, String subscriber) {
    return s -> s.getKind() == SpanKind.CONSUMER && "process".equals(attribute(s, "messaging.operation.type"))
        && wireName.equals(attribute(s, "whizbang.wire_name"))
        && subscriber.equals(attribute(s, "messaging.consumer.group.name"));
  }

  /** A relay publish round's span linked to {@code producer}. */
  public static Predicate<SpanData> relayedLinking(SpanData producer) {
    return s -> "send".equals(attribute(s, "messaging.operation.type"))
        && s.getLinks().stream().map(LinkData::getSpanContext).anyMatch(linked ->
            linked.getTraceId().equals(producer.getTraceId()) && linked.getSpanId().equals(producer.getSpanId()));
  }

  /** The value of a string attribute, or null. */
  public static String attribute(SpanData span, String name) {
    return span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(name));
  }

  @Override
  public void close() {
    sdk.close();
  }
}

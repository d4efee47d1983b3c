package io.whizbang.samples.shop.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.whizbang.runtime.WhizbangBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * The meters every service of this process registers on (read back for the summary), and, with
 * {@code --traces console}, an OpenTelemetry SDK that writes each finished span to the console through
 * OpenTelemetry's logging exporter.
 */
final class DemoTelemetry implements AutoCloseable {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final OpenTelemetrySdk traces;

  DemoTelemetry(boolean tracesToConsole) {
    this.traces = tracesToConsole
        ? OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(LoggingSpanExporter.create()).build())
                .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build()
        : null;
  }

  /** Puts the services' meters on this process's registry, and their spans on the SDK when traces are on. */
  WhizbangBuilder instrument(WhizbangBuilder builder) {
    builder.meterRegistry(meters);
    if (traces != null) {
      builder.openTelemetry(traces);
    }
    return builder;
  }

  MeterRegistry meters() {
    return meters;
  }

  /** The SDK when traces go to the console, else null: the services then trace nothing. */
  OpenTelemetry traces() {
    return traces;
  }

  @Override
  public void close() {
    if (traces != null) {
      traces.close(); // flushes the spans still batched
    }
    meters.close();
  }
}

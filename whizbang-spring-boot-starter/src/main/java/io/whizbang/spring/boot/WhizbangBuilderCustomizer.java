package io.whizbang.spring.boot;

import io.whizbang.runtime.WhizbangBuilder;

/**
 * Adjusts the service the starter builds, after the {@code whizbang.*} settings were applied: a bean of this type is
 * called for what has no key (inbox retry policy, health thresholds, OpenTelemetry...).
 *
 * <pre>{@code @Bean WhizbangBuilderCustomizer tracing(OpenTelemetry otel) { return b -> b.openTelemetry(otel); }}</pre>
 */
@FunctionalInterface
public interface WhizbangBuilderCustomizer {
  void customize(WhizbangBuilder builder);
}

package io.whizbang.spring.boot;

import io.whizbang.runtime.projection.ProjectionEngine;

/**
 * Adjusts the engine running the application's {@link io.whizbang.runtime.dispatch.ProjectionDispatcher} beans,
 * after {@code whizbang.domains.*} and {@code whizbang.projection.*} were applied (page size, retries, a feed's
 * bearer token...).
 */
@FunctionalInterface
public interface ProjectionEngineCustomizer {
  void customize(ProjectionEngine.Builder engine);
}

package io.whizbang.spring.boot;

import io.whizbang.runtime.Whizbang;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The service's {@link Whizbang#health()} as the Actuator health component {@code whizbang}: DOWN when the service
 * is, UP otherwise (DEGRADED still serves, as {@code Health.ready()} says); the service's own status and each
 * component's status and reason are in the details.
 */
final class WhizbangHealthIndicator implements HealthIndicator {

  private final Whizbang whizbang;

  WhizbangHealthIndicator(Whizbang whizbang) {
    this.whizbang = whizbang;
  }

  @Override
  public Health health() {
    io.whizbang.runtime.Health h = whizbang.health();
    Health.Builder b = h.ready() ? Health.up() : Health.down();
    b.withDetail("status", h.status().name());
    for (io.whizbang.runtime.Health.Component c : h.components()) {
      b.withDetail(c.name(), c.reason() == null ? c.status().name() : c.status() + ": " + c.reason());
    }
    return b.build();
  }
}

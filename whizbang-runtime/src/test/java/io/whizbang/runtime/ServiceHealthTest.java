package io.whizbang.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.Health.Status;
import io.whizbang.runtime.Health.Thresholds;
import io.whizbang.runtime.projection.ProjectionProgress;
import io.whizbang.runtime.projection.RunningProjection.Phase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules of {@link ServiceHealth} for projections and dead letters, which need no database. */
class ServiceHealthTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private static ProjectionProgress progress(Phase phase, Duration lag, long parked) {
    return new ProjectionProgress("order-list", phase, 10, 5, 0, 100.0, "c-1", lag, parked,
        phase == Phase.FAILED ? "cannot apply event e-1" : null);
  }

  private static Health health(Thresholds thresholds, ProjectionProgress p) {
    return new ServiceHealth(thresholds).service("STARTED").projection(p).build("svc", NOW);
  }

  @Test
  void aProjectionIsUpWhenLiveDegradedWhileCatchingUpAndDownWhenFailedOrStopped() {
    Thresholds t = Thresholds.defaults();
    assertThat(health(t, progress(Phase.LIVE, Duration.ofHours(3), 0)).status()).isEqualTo(Status.UP);
    assertThat(health(t, progress(Phase.BACKFILLING, Duration.ZERO, 0)).status()).isEqualTo(Status.DEGRADED);
    assertThat(health(t, progress(Phase.STARTING, Duration.ZERO, 0)).status()).isEqualTo(Status.DEGRADED);
    Health failed = health(t, progress(Phase.FAILED, Duration.ZERO, 0));
    assertThat(failed.status()).isEqualTo(Status.DOWN);
    assertThat(failed.component("projection:order-list").reason()).contains("cannot apply event e-1");
    assertThat(health(t, progress(Phase.STOPPED, Duration.ZERO, 0)).status()).isEqualTo(Status.DOWN);
  }

  @Test
  void aLiveProjectionBehindTheConfiguredLagIsDegraded() {
    Thresholds t = Thresholds.defaults().withProjectionLag(Duration.ofMinutes(1));
    assertThat(health(t, progress(Phase.LIVE, Duration.ofSeconds(59), 0)).status()).isEqualTo(Status.UP);
    Health behind = health(t, progress(Phase.LIVE, Duration.ofMinutes(2), 0));
    assertThat(behind.status()).isEqualTo(Status.DEGRADED);
    assertThat(behind.component("projection:order-list").values()).containsEntry("lagMs", 120_000L);
  }

  @Test
  void deadLettersDegradeFromTheThresholdOnAndNeverWhenItIsZero() {
    Health one = health(Thresholds.defaults(), progress(Phase.LIVE, Duration.ZERO, 1));
    assertThat(one.status()).isEqualTo(Status.DEGRADED);
    assertThat(one.component("deadLetters").values()).containsEntry("total", 1L)
        .containsEntry("projection:order-list", 1L);
    assertThat(health(Thresholds.defaults().withDeadLetters(2), progress(Phase.LIVE, Duration.ZERO, 1)).status())
        .isEqualTo(Status.UP);
    assertThat(health(Thresholds.defaults().withDeadLetters(0), progress(Phase.LIVE, Duration.ZERO, 50)).status())
        .isEqualTo(Status.UP);
  }

  @Test
  void theServiceIsDownUntilStartedAndTheWorstComponentDecides() {
    assertThat(new ServiceHealth(Thresholds.defaults()).service("BUILT").build("svc", NOW).status())
        .isEqualTo(Status.DOWN);
    Health mixed = new ServiceHealth(Thresholds.defaults()).service("STARTED")
        .subscriber("svc", true, null).projection(progress(Phase.BACKFILLING, Duration.ZERO, 0))
        .build("svc", NOW);
    assertThat(mixed.status()).isEqualTo(Status.DEGRADED);
    assertThat(mixed.ready()).isTrue();
  }
}

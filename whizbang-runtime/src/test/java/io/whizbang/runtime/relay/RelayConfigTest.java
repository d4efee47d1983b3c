package io.whizbang.runtime.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayConfigTest {

  @Test
  void defaultsAreValid() {
    RelayConfig config = RelayConfig.builder().build();
    assertThat(config.batchSize()).isEqualTo(100);
    assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.relayId()).isEqualTo("relay");
  }

  @Test
  void badValuesAreRefusedWithTheRule() {
    assertThatThrownBy(() -> RelayConfig.builder().batchSize(0).build())
        .hasMessage("batchSize must be between 1 and 10000, was 0");
    assertThatThrownBy(() -> RelayConfig.builder().publishInterval(Duration.ofMillis(-5)).build())
        .hasMessage("publishInterval must be positive, was PT-0.005S");
    assertThatThrownBy(() -> RelayConfig.builder().publishInterval(Duration.ZERO).build())
        .hasMessage("publishInterval must be positive, was PT0S");
    assertThatThrownBy(() -> RelayConfig.builder().confirmTimeout(Duration.ofSeconds(5)).build())
        .hasMessageContaining("confirmTimeout (PT5S) must be shorter than leaseDuration (PT5S)");
    assertThatThrownBy(() -> RelayConfig.builder().leaseDuration(Duration.ofMillis(50))
        .confirmTimeout(Duration.ofMillis(10)).build())
        .hasMessage("leaseDuration must be at least 100 ms, was PT0.05S");
    assertThatThrownBy(() -> RelayConfig.builder().maxAttempts(0).build())
        .hasMessage("maxAttempts must be between 1 and 1000, was 0");
    assertThatThrownBy(() -> RelayConfig.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
        .hasMessageContaining("maxBackoff (PT1S) must not be shorter than initialBackoff (PT2S)");
    assertThatThrownBy(() -> RelayConfig.builder().publishedRetention(Duration.ofSeconds(-1)).build())
        .hasMessage("publishedRetention must not be negative, was PT-1S");
    assertThatThrownBy(() -> RelayConfig.builder().cleanupBatch(0).build())
        .hasMessage("cleanupBatch must be between 1 and 100000, was 0");
    assertThatThrownBy(() -> RelayConfig.builder().relayId(" ").build())
        .hasMessageContaining("relayId must have 1 to 90 characters");
    assertThatThrownBy(() -> RelayConfig.builder().publishInterval(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("publishInterval must be positive, was null");
  }

  @Test
  void everyBadSettingIsNamedInOneError() {
    assertThatThrownBy(() -> RelayConfig.builder().batchSize(0).maxAttempts(0).cleanupBatch(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("3 settings are invalid: batchSize must be between 1 and 10000, was 0; maxAttempts must be"
            + " between 1 and 1000, was 0; cleanupBatch must be between 1 and 100000, was 0");
  }

  @Test
  void backoffGrowsExponentiallyWithinJitterAndCap() {
    RelayConfig config = RelayConfig.builder().backoff(Duration.ofMillis(100), Duration.ofSeconds(10)).build();
    for (int attempt = 1; attempt <= 12; attempt++) {
      long expected = Math.min(10_000, 100L << (attempt - 1));
      long delay = config.backoff().delayAfter(attempt).toMillis();
      assertThat(delay).as("attempt %s", attempt).isBetween(expected / 2, expected);
    }
    assertThat(config.backoff().delayAfter(500).toMillis()).isBetween(5_000L, 10_000L);
  }
}

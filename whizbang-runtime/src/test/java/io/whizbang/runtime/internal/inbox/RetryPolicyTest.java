package io.whizbang.runtime.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.inbox.InboxConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void delaysGrowByTheMultiplierUpToTheMaximum() {
    InboxConfig.RetryPolicy p = InboxConfig.RetryPolicy.builder().maxAttempts(6).initialDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofMillis(500)).multiplier(3).jitter(0).build();
    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMillis(300));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.retriesAfter(5)).isTrue();
    assertThat(p.retriesAfter(6)).isFalse();
    assertThat(p.retryHorizon()).isEqualTo(Duration.ofMillis(100 + 300 + 500 + 500 + 500));
  }

  @Test
  void jitterShortensDelaysByAtMostItsFraction() {
    InboxConfig.RetryPolicy p = InboxConfig.RetryPolicy.builder().initialDelay(Duration.ofMillis(1000)).jitter(0.25).build();
    for (int i = 0; i < 200; i++) {
      assertThat(p.delayAfter(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
    }
    assertThat(InboxConfig.RetryPolicy.DEFAULT.retryHorizon()).isEqualTo(Duration.ofMillis(200 + 400 + 800 + 1600));
  }
}

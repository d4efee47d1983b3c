package io.whizbang.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void withoutJitterTheDelayGrowsByTheMultiplierUpToTheMaximum() {
    Backoff b = Backoff.doubling(Duration.ofMillis(100), Duration.ofMillis(1000));
    assertThat(b.delayAfter(0)).isEqualTo(Duration.ofMillis(100));         // below 1 counts as the first failure
    assertThat(b.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(b.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(b.delayAfter(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(b.delayAfter(5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(b.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(1000));
    assertThat(new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 3.0, 0).delayAfter(3))
        .isEqualTo(Duration.ofMillis(90));
  }

  @Test
  void jitterOnlyShortensSoTheMaximumIsNeverExceeded() {
    Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(4000), 2.0, 0.5);
    boolean spread = false;
    for (int i = 0; i < 500; i++) {
      Duration first = b.delayAfter(1);
      assertThat(first).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
      assertThat(b.delayAfter(10)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
      spread |= !first.equals(Duration.ofMillis(1000));
    }
    assertThat(spread).as("jitter changes some delays").isTrue();
    assertThat(b.ceilingMillis(10)).isEqualTo(4000);
    assertThat(b.withJitter(0).delayAfter(2)).isEqualTo(Duration.ofMillis(2000));
  }

  @Test
  void aZeroInitialDelayRetriesAtOnce() {
    assertThat(Backoff.doubling(Duration.ZERO, Duration.ofSeconds(1)).delayAfter(7)).isEqualTo(Duration.ZERO);
  }

  @Test
  void badValuesAreRejectedWithTheAllowedRange() {
    assertThatThrownBy(() -> Backoff.doubling(Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .hasMessage("initialDelay must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> Backoff.doubling(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("maxDelay (PT1S) must not be shorter than initialDelay (PT2S)");
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ZERO, 0.5, 0))
        .hasMessage("multiplier must be between 1.0 and 100.0, was 0.5");
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ZERO, 2, 1.5))
        .hasMessage("jitter must be a fraction between 0.0 and 1.0, was 1.5");
    assertThatThrownBy(() -> new Backoff(null, Duration.ZERO, 2, 0)).hasMessage("initialDelay");
  }
}

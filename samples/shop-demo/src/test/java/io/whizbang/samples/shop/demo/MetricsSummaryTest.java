package io.whizbang.samples.shop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo's summary of the meters: one line per name and kind tag, over services; zeros left out. */
class MetricsSummaryTest {

  @Test
  void sumsCountersOverServicesTakesTheLargestGaugeAndLeavesOutZeros() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Counter.builder("whizbang.inbox.messages").tags("service", "a", "outcome", "applied").register(registry)
        .increment(3);
    Counter.builder("whizbang.inbox.messages").tags("service", "b", "outcome", "applied").register(registry)
        .increment(1200);
    Counter.builder("whizbang.inbox.messages").tags("service", "b", "outcome", "retried").register(registry);
    Gauge.builder("whizbang.outbox.pending", () -> 7).tags("service", "a").register(registry);
    Gauge.builder("whizbang.outbox.pending", () -> 2).tags("service", "b").register(registry);
    TimeGauge.builder("whizbang.projection.checkpoint.age", () -> 1500, TimeUnit.MILLISECONDS)
        .tags("projection", "p").register(registry);
    Timer timer = Timer.builder("whizbang.inbox.handler.duration").tags("service", "a").register(registry);
    timer.record(Duration.ofMillis(10));
    timer.record(Duration.ofMillis(30));
    Counter.builder("other.meter").register(registry).increment();

    assertThat(MetricsSummary.lines(registry)).containsExactly(
        String.format("  %-52s %s", "whizbang.inbox.handler.duration", "2, mean 20.0 ms, max 30.0 ms"),
        String.format("  %-52s %s", "whizbang.inbox.messages [applied]", "1,203"),
        String.format("  %-52s %s", "whizbang.outbox.pending", "7"),
        String.format("  %-52s %s", "whizbang.projection.checkpoint.age", "1.500 s"));
  }
}

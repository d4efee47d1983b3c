package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class TransportCountersTest {

  static final class Calls extends TransportCounters.Details {
    final LongAdder sends = counter("sends");
    final LongAdder receives = counter("receives");
  }

  @Test
  void detailsReportEveryCounterByItsNameInTheOrderMade() {
    Calls calls = new Calls();
    calls.sends.add(3);
    calls.receives.increment();
    assertThat(calls.snapshot()).containsExactly(java.util.Map.entry("sends", 3L),
        java.util.Map.entry("receives", 1L));
    assertThat(new TransportCounters().snapshot("x", true, 0, calls.snapshot()).details())
        .containsEntry("sends", 3L).containsEntry("receives", 1L);
  }

  @Test
  void twoCountersOfOneNameAreRefused() {
    assertThatThrownBy(() -> new TransportCounters.Details() {
      final List<LongAdder> both = List.of(counter("sends"), counter("sends"));
    }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sends");
  }
}

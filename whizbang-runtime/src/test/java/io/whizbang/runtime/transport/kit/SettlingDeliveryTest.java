package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlingDeliveryTest {

  private final List<String> told = new ArrayList<>();
  private final TransportCounters counters = new TransportCounters();
  private final TestDelivery delivery = new TestDelivery("k", 1, told, counters);

  @Test
  void aSecondSettlementThrowsAndTellsTheBrokerNothing() {
    delivery.ack();
    assertThatThrownBy(() -> delivery.release(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("k1 was already settled").hasMessageContaining("exactly once");
    assertThatThrownBy(delivery::ack).isInstanceOf(IllegalStateException.class);
    assertThat(told).containsExactly("ack k1");
  }

  @Test
  void releaseOfNullOrANegativeDelayIsRefusedAndLeavesTheDeliveryOpen() {
    assertThatThrownBy(() -> delivery.release(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("Duration.ZERO");
    assertThatThrownBy(() -> delivery.release(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
    assertThat(delivery.isSettled()).isFalse();
    delivery.release(Duration.ofSeconds(2));
    assertThat(told).containsExactly("release k1 after 2000 ms");
  }

  @Test
  void afterTheTransportAbandonedItALateSettlementIsIgnored() {
    assertThat(delivery.abandon()).isTrue();
    delivery.ack();
    delivery.release(Duration.ZERO);
    assertThat(told).isEmpty();
    assertThat(delivery.releaseIfOpen(Duration.ZERO)).isFalse();
  }

  @Test
  void releaseIfOpenReleasesOnlyWhatNobodySettled() {
    TestDelivery other = new TestDelivery("k", 2, told, counters);
    delivery.ack();
    assertThat(delivery.releaseIfOpen(Duration.ZERO)).isFalse();
    assertThat(other.releaseIfOpen(Duration.ofMillis(5))).isTrue();
    assertThat(told).containsExactly("ack k1", "release k2 after 5 ms");
  }

  @Test
  void aClaimedDeliveryIsSettledWithoutTellingTheBroker() {
    assertThat(delivery.claim()).isTrue();
    assertThat(delivery.claim()).isFalse();
    assertThatThrownBy(delivery::ack).isInstanceOf(IllegalStateException.class);
    assertThat(told).isEmpty();
  }

  @Test
  void countsDeliveriesBySettlement() {
    TestDelivery second = new TestDelivery("k", 2, told, counters);
    new TestDelivery("k", 3, told, counters);
    delivery.ack();
    second.release(Duration.ZERO);
    var stats = counters.snapshot("test", true, 0, java.util.Map.of("calls", 7L));
    assertThat(stats.delivered()).isEqualTo(3);
    assertThat(stats.acknowledged()).isEqualTo(1);
    assertThat(stats.released()).isEqualTo(1);
    assertThat(stats.detail("calls")).isEqualTo(7);
    assertThat(stats.detail("absent")).isZero();
  }
}

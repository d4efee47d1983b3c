package io.whizbang.runtime.transport.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

  /** A broker's configuration as a broker module writes one: its defaults, its exception, its limits. */
  static final class TestConfig extends BrokerConfig {
    TestConfig(Builder b) {
      super(b);
    }

    static final class Builder extends BrokerConfig.Builder<Builder> {
      Builder() {
        super(problem -> new IllegalStateException("test broker: " + problem), "pre.", 10, Duration.ofSeconds(30),
            Duration.ofSeconds(5));
        maxBatchLimit(100);
      }

      TestConfig build() {
        return new TestConfig(this);
      }
    }
  }

  @Test
  void theBrokersDefaultsHoldUntilASettingIsGiven() {
    TestConfig defaults = new TestConfig.Builder().build();
    assertThat(defaults.namePrefix()).isEqualTo("pre.");
    assertThat(defaults.provisioning()).isTrue();
    assertThat(defaults.maxBatch()).isEqualTo(10);
    assertThat(defaults.operationTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.threads()).isNull();

    TestConfig given = new TestConfig.Builder().namePrefix("shop.").provisioning(false).maxBatch(100)
        .operationTimeout(Duration.ofSeconds(2)).closeTimeout(Duration.ofMillis(1)).build();
    assertThat(given.namePrefix()).isEqualTo("shop.");
    assertThat(given.provisioning()).isFalse();
    assertThat(given.maxBatch()).isEqualTo(100);
    assertThat(given.operationTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(given.closeTimeout()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void aBadCommonSettingIsRefusedWhereItIsSetWithTheBrokersExceptionNamingIt() {
    TestConfig.Builder b = new TestConfig.Builder();
    assertThatThrownBy(() -> b.maxBatch(101)).isInstanceOf(IllegalStateException.class)
        .hasMessage("test broker: maxBatch must be 1 to 100, was 101");
    assertThatThrownBy(() -> b.maxBatch(0)).hasMessage("test broker: maxBatch must be 1 to 100, was 0");
    assertThatThrownBy(() -> b.closeTimeout(Duration.ZERO))
        .hasMessage("test broker: closeTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> b.operationTimeout(null))
        .hasMessage("test broker: operationTimeout must be positive, was null");
    assertThatThrownBy(() -> b.namePrefix("my shop."))
        .hasMessage("test broker: namePrefix must not contain whitespace, was 'my shop.'");
    assertThatThrownBy(() -> b.namePrefix(null)).hasMessage("test broker: namePrefix must be set");
    assertThat(b.build().maxBatch()).as("refused values are not kept").isEqualTo(10);
  }

  @Test
  void theWireFormatIsTodaysEnvelopeUnlessSetAndCannotBeUnset() {
    TestConfig.Builder b = new TestConfig.Builder();
    assertThat(b.build().wireFormat()).isEqualTo(BrokerConfig.WireFormat.WHIZBANG);
    assertThatThrownBy(() -> b.wireFormat(null)).hasMessage("test broker: wireFormat must be set");
    assertThat(b.wireFormat(BrokerConfig.WireFormat.CLOUDEVENTS).build().wireFormat())
        .isEqualTo(BrokerConfig.WireFormat.CLOUDEVENTS);
  }

  @Test
  void withoutAThreadFactoryThreadsAreDaemonsNamedAfterTheirJob() {
    Thread thread = new TestConfig.Builder().build().threads("whizbang-test-lane").newThread(() -> {});
    assertThat(thread.getName()).isEqualTo("whizbang-test-lane-0");
    assertThat(thread.isDaemon()).isTrue();
  }
}

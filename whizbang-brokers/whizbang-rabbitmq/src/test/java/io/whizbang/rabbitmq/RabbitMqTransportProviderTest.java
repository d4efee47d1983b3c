package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.config.WhizbangSettings;
import io.whizbang.runtime.transport.kit.BrokerConfig;
import io.whizbang.runtime.config.WhizbangSettingsException;
import io.whizbang.runtime.transport.Transport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** whizbang.broker=rabbitmq: the module's keys, found through ServiceLoader like any service would. */
class RabbitMqTransportProviderTest {

  @Test
  void everyBadRabbitMqKeyIsReportedWithTheCoreOnes() {
    assertThatThrownBy(() -> WhizbangSettings.from(Map.of(
        "whizbang.broker", "rabbitmq",
        "whizbang.rabbitmq.uri", "http://127.0.0.1:5672",
        "whizbang.rabbitmq.port", "0",
        "whizbang.rabbitmq.prefetch", "many",
        "whizbang.rabbitmq.hots", "rabbit",
        "whizbang.inbox.cleanup-retention", "forever")))
        .isInstanceOfSatisfying(WhizbangSettingsException.class, e -> assertThat(e.problems()).hasSize(5))
        .hasMessageContaining("whizbang.rabbitmq.uri=http://127.0.0.1:5672: an amqp:// or amqps:// URI with a host")
        .hasMessageContaining("whizbang.rabbitmq.port=0: a whole number from 1 to 65535")
        .hasMessageContaining("whizbang.rabbitmq.prefetch=many: a whole number from 1 to 65535")
        .hasMessageContaining("whizbang.rabbitmq.hots=rabbit: unknown key; did you mean whizbang.rabbitmq.host?")
        .hasMessageContaining("whizbang.inbox.cleanup-retention=forever: a positive duration");
  }

  @Test
  void connectsWithTheUriKey() {
    Broker.require();
    WhizbangSettings settings = WhizbangSettings.from(Map.of(
        "whizbang.broker", "rabbitmq",
        "whizbang.rabbitmq.uri", "amqp://guest:guest@" + Broker.HOST + ":" + Broker.PORT + "/%2F",
        "whizbang.rabbitmq.name-prefix", Broker.uniquePrefix()));

    try (Transport transport = settings.connectTransport()) {
      assertThat(transport).isInstanceOf(RabbitMqTransport.class);
      assertThat(((RabbitMqTransport) transport).config().wireFormat()).isEqualTo(BrokerConfig.WireFormat.WHIZBANG);
    }
  }

  @Test
  void theSharedWireFormatKeyReachesTheBrokerConfiguration() {
    Broker.require();
    WhizbangSettings settings = WhizbangSettings.from(Map.of(
        "whizbang.broker", "rabbitmq",
        "whizbang.wire-format", "CloudEvents",
        "whizbang.rabbitmq.uri", "amqp://guest:guest@" + Broker.HOST + ":" + Broker.PORT + "/%2F",
        "whizbang.rabbitmq.name-prefix", Broker.uniquePrefix()));

    try (Transport transport = settings.connectTransport()) {
      assertThat(((RabbitMqTransport) transport).config().wireFormat())
          .isEqualTo(BrokerConfig.WireFormat.CLOUDEVENTS);
    }
    assertThatThrownBy(() -> WhizbangSettings.from(Map.of(
        "whizbang.broker", "rabbitmq",
        "whizbang.wire-format", "xml",
        "whizbang.rabbitmq.uri", "amqp://guest:guest@" + Broker.HOST + ":" + Broker.PORT + "/%2F")))
        .hasMessageContaining("whizbang.wire-format=xml: one of cloudevents, whizbang");
  }
}

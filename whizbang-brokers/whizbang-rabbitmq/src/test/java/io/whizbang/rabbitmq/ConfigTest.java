package io.whizbang.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void defaultsSuitALocalBroker() {
    RabbitMqConfig config = RabbitMqConfig.builder().build();
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(5672);
    assertThat(config.queueType()).isEqualTo(QueueType.CLASSIC);
    assertThat(config.ordering()).isEqualTo(Ordering.SINGLE_ACTIVE_CONSUMER);
    assertThat(config.maxPriority()).isEqualTo(9);
    assertThat(config.toString()).doesNotContain("guest:guest");
  }

  @Test
  void quorumQueuesRefuseMaxPriority() {
    assertThatThrownBy(() -> RabbitMqConfig.builder().queueType(QueueType.QUORUM).maxPriority(5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quorum queues do not accept x-max-priority");
    assertThat(RabbitMqConfig.builder().queueType(QueueType.QUORUM).build().maxPriority()).isZero();
  }

  @Test
  void deliveryLimitNeedsQuorumQueues() {
    assertThatThrownBy(() -> RabbitMqConfig.builder().deliveryLimit(3).build())
        .hasMessageContaining("deliveryLimit needs quorum queues");
  }

  @Test
  void outOfRangeValuesAreNamed() {
    assertThatThrownBy(() -> RabbitMqConfig.builder().port(0).build()).hasMessageContaining("port must be");
    assertThatThrownBy(() -> RabbitMqConfig.builder().prefetch(0).build()).hasMessageContaining("prefetch");
    assertThatThrownBy(() -> RabbitMqConfig.builder().maxPriority(10).build()).hasMessageContaining("maxPriority must be between 0 and 9, was 10");
    assertThatThrownBy(() -> RabbitMqConfig.builder().confirmTimeout(Duration.ZERO).build())
        .hasMessageContaining("confirmTimeout");
    assertThatThrownBy(() -> RabbitMqConfig.builder().maxUnackedHold(Duration.ZERO).build())
        .hasMessageContaining("maxUnackedHold must be positive (keep it below the broker's consumer_timeout");
    assertThatThrownBy(() -> RabbitMqConfig.builder().namePrefix("my app.").build())
        .hasMessageContaining("whitespace");
  }

  @Test
  void everyBadSettingIsNamedInOneError() {
    assertThatThrownBy(() -> RabbitMqConfig.builder().port(0).prefetch(0).confirmTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RabbitMQ configuration: 3 settings are invalid: port must be between 1 and 65535, was 0;"
            + " prefetch must be between 1 and 65535, was 0; confirmTimeout must be positive, was PT0S");
  }
}

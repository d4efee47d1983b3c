package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.config.WhizbangSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** whizbang.broker=kafka: the module's keys, found through ServiceLoader like any service would. */
class KafkaTransportProviderTest {

  @Test
  void theBootstrapServersAreRequiredAndTheConsumerGroupIsTheServiceName() {
    assertThatThrownBy(() -> WhizbangSettings.from(Map.of(
        "whizbang.broker", "kafka",
        "whizbang.kafka.partitions", "-1",
        "whizbang.kafka.consumer-group", "orders-group")))
        .hasMessageContaining("3 bad Whizbang settings:")
        .hasMessageContaining("whizbang.kafka.bootstrap-servers: required with whizbang.broker=kafka:"
            + " host:port[,host:port...]")
        .hasMessageContaining("whizbang.kafka.partitions=-1: a whole number from 1 to 10000")
        .hasMessageContaining("whizbang.kafka.consumer-group=orders-group: unknown key; the consumer group is the"
            + " service's name: set whizbang.service");
  }
}

package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bad setting fails when the configuration is built (or the clients are created), saying what to fix. */
class KafkaConfigTest {

  private static KafkaConfig.Builder valid() {
    return KafkaConfig.builder().bootstrapServers("127.0.0.1:9092");
  }

  @Test
  void bootstrapServersAreRequired() {
    assertThatThrownBy(() -> KafkaConfig.builder().build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("bootstrap servers are required");
    assertThatThrownBy(() -> KafkaConfig.builder().bootstrapServers("  ").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("bootstrap servers are required");
  }

  @Test
  void aBootstrapServerWithoutPortIsRejected() {
    assertThatThrownBy(() -> valid().bootstrapServers("kafka-1:9092,kafka-2").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("'kafka-2'")
        .hasMessageContaining("not host:port");
  }

  @Test
  void aBootstrapServerWithABadPortIsRejected() {
    assertThatThrownBy(() -> valid().bootstrapServers("kafka:90x2").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("port '90x2'");
    assertThatThrownBy(() -> valid().bootstrapServers("kafka:70000").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("outside 1..65535");
  }

  @Test
  void aBlankClientIdIsRejected() {
    assertThatThrownBy(() -> valid().clientId(" ").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("clientId");
  }

  @Test
  void partitionsAndReplicationMustBePositive() {
    assertThatThrownBy(() -> valid().partitions(0).build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("partitions must be at least 1, was 0");
    assertThatThrownBy(() -> valid().replicationFactor(0))
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("replicationFactor");
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> valid().deliveryTimeout(Duration.ZERO).build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("deliveryTimeout must be positive");
    assertThatThrownBy(() -> valid().operationTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("operationTimeout");
    assertThatThrownBy(() -> valid().closeTimeout(null).build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("closeTimeout");
    assertThatThrownBy(() -> valid().maxBatch(0).build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("maxBatch");
  }

  @Test
  void theSettingsTheGuaranteesRestOnCannotBeOverridden() {
    assertThatThrownBy(() -> valid().producerProperty("acks", "1").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("'acks' cannot be set");
    assertThatThrownBy(() -> valid().producerProperty("enable.idempotence", "false").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("always idempotent");
    assertThatThrownBy(() -> valid().consumerProperty("enable.auto.commit", "true").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("only after the handler acknowledged");
    assertThatThrownBy(() -> valid().consumerProperty("isolation.level", "read_uncommitted").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("read_committed");
    assertThatThrownBy(() -> valid().consumerProperty("group.id", "x").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("subscriber id");
    assertThatThrownBy(() -> valid().clientProperty("bootstrap.servers", "other:9092").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("bootstrapServers(...)");
  }

  @Test
  void aMisspelledPropertyIsRejected() {
    assertThatThrownBy(() -> valid().clientProperty("securty.protocol", "SSL").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("'securty.protocol' is not a Kafka client property");
    assertThatThrownBy(() -> valid().producerProperty("max.poll.records", "10").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("not a Kafka producer property");
    assertThatThrownBy(() -> valid().consumerProperty("linger.ms", "10").build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("not a Kafka consumer property");
  }

  @Test
  void aPropertyWithoutValueIsRejected() {
    assertThatThrownBy(() -> valid().clientProperty("security.protocol", null).build())
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("'security.protocol' has no value");
  }

  @Test
  void aValueKafkaRejectsFailsWhenTheTransportIsCreated() {
    KafkaConfig config = valid().producerProperty("compression.type", "zipp").build();
    assertThatThrownBy(() -> KafkaTransport.connect(config))
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("rejected the configuration")
        .hasMessageContaining("zipp");
  }

  @Test
  void securitySettingsArePassedToTheClients() {
    // SASL without a JAAS login: Kafka itself must complain, which proves the settings reached the client.
    KafkaConfig config = valid()
        .security(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN"))
        .build();
    assertThat(config.clientProperties()).containsEntry("sasl.mechanism", "PLAIN");
    assertThatThrownBy(() -> KafkaTransport.connect(config))
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("JAAS");
  }

  @Test
  void aDeliveryTimeoutShorterThanLingerIsRejected() {
    KafkaConfig config = valid().producerProperty("linger.ms", "500").deliveryTimeout(Duration.ofMillis(200)).build();
    assertThatThrownBy(() -> KafkaTransport.connect(config))
        .isInstanceOf(KafkaConfigException.class)
        .hasMessageContaining("must be longer than the producer's linger.ms");
  }

  @Test
  void defaultsFollowTheRoutingConventions() {
    KafkaConfig config = valid().build();
    assertThat(config.topicNaming().topicFor(io.whizbang.runtime.transport.Destination.events("orders")))
        .isEqualTo("whizbang.orders.events");
    assertThat(config.provisioning()).isTrue();
    assertThat(config.replicationFactor()).isEmpty();
  }

  @Test
  void aSendBlocksForMetadataAtMostBrieflyUnlessTheUserSaysOtherwise() {
    KafkaConfig defaults = KafkaConfig.builder().bootstrapServers("127.0.0.1:9092").build();
    assertThat(ClientProperties.producer(defaults).getProperty("max.block.ms")).isEqualTo("1500");

    KafkaConfig shortDelivery = KafkaConfig.builder().bootstrapServers("127.0.0.1:9092")
        .deliveryTimeout(Duration.ofMillis(800)).build();
    assertThat(ClientProperties.producer(shortDelivery).getProperty("max.block.ms")).isEqualTo("800");

    KafkaConfig chosen = KafkaConfig.builder().bootstrapServers("127.0.0.1:9092")
        .producerProperty("max.block.ms", "30000").build();
    assertThat(ClientProperties.producer(chosen).getProperty("max.block.ms")).isEqualTo("30000");
  }
}

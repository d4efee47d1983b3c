package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.testfixtures.DedicatedServer;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.fault.TransportFaultSuite;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fault suite on a Kafka broker of its own (KRaft, one node), stopped and started for real with
 * scripts/services/start-kafka.sh and stop-kafka.sh on free ports; a restart keeps the broker's storage, so what it
 * acknowledged before the stop (acks=all) is there after the start.
 *
 * <p>The poison is a record over the broker's {@code message.max.bytes}, lowered cluster-wide (a dynamic broker
 * setting every topic without an override inherits) to half the poison's size; the operator's fix sets it back. The
 * transport reads a topic's limit and refuses a larger record before the producer has it (permanently), so the
 * later records of its key are never sent ahead of it.
 */
class KafkaFaultTest extends TransportFaultSuite {

  /** The broker's own default for message.max.bytes. */
  private static final int KAFKA_DEFAULT_MAX_BYTES = 1_048_588;

  private static DedicatedServer broker;
  private static String bootstrap;

  private final String prefix = "fault-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void startDedicatedBroker() {
    int port = DedicatedServer.freePort();
    int controllerPort = DedicatedServer.freePort();
    bootstrap = "127.0.0.1:" + port;
    broker = DedicatedServer.start("kafka", Map.of("KAFKA_PORT", Integer.toString(port),
        "KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort), "KAFKA_HEAP_OPTS", "-Xms128m -Xmx384m"),
        "KAFKA_KEEP_DATA");
  }

  @AfterAll
  static void removeDedicatedBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Override
  protected Transport newTransport() {
    return KafkaTransport.connect(KafkaConfig.builder()
        .bootstrapServers(bootstrap)
        .clientId("whizbang-fault")
        .partitions(3)
        .closeTimeout(Duration.ofSeconds(5))
        .operationTimeout(Duration.ofSeconds(10))
        .deliveryTimeout(Duration.ofSeconds(10))
        .consumerProperty("heartbeat.interval.ms", "200")
        .topicNaming(d -> prefix + "." + d.conventionalName())
        .build());
  }

  @Override
  protected void awaitReady(Subscription subscription) throws Exception {
    assertThat(((KafkaSubscription) subscription).awaitAssignment(Duration.ofSeconds(60)))
        .as("partitions assigned to the subscriber").isTrue();
  }

  @Override
  protected void stopBroker() {
    broker.stop();
  }

  @Override
  protected void startBroker() {
    broker.start();
  }

  @Override
  protected void refuseLargeMessages() throws Exception {
    setMaxMessageBytes(poisonBytes() / 2);
  }

  @Override
  protected void acceptLargeMessages() throws Exception {
    setMaxMessageBytes(KAFKA_DEFAULT_MAX_BYTES);
  }

  private static void setMaxMessageBytes(int bytes) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      // The empty broker name is the cluster-wide default of a dynamic broker setting.
      admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.BROKER, ""), List.of(
          new AlterConfigOp(new ConfigEntry("message.max.bytes", Integer.toString(bytes)),
              AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    }
  }
}

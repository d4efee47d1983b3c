package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record over its topic's {@code max.message.bytes} is poison, and the later records of its key must not reach
 * the topic before it: left to the broker, the refusal arrives after the producer has sent the records behind it.
 * Once an operator raises the limit, the same record goes through.
 */
class KafkaTopicRefusalTest {

  private static final int LIMIT = 64 * 1024;

  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void broker() {
    KafkaBroker.require();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void aRecordOverTheTopicLimitIsPoisonAndTheLaterRecordsOfItsKeyStayBehindIt() throws Exception {
    String domain = KafkaBroker.uniqueDomain("refused");
    KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().partitions(1).build());
    open.add(kafka);
    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP));
    open.add(admin);
    String topic = kafka.topicOf(Destination.events(domain));
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
        .configs(Map.of("max.message.bytes", Integer.toString(LIMIT))))).all().get(30, TimeUnit.SECONDS);
    OutgoingMessage huge = new OutgoingMessage(UUID.randomUUID(), "refused.Huge", Destination.events(domain), "a", 0,
        Map.of(), "huge".repeat(25 * 1024).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<OutgoingMessage> later = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      later.add(Messages.event(domain, "refused.Small", "a", "a/" + n));
      later.add(Messages.event(domain, "refused.Small", "b", "b/" + n));
    }
    List<OutgoingMessage> batch = new ArrayList<>();
    batch.add(Messages.event(domain, "refused.Small", "a", "a/0"));
    batch.add(huge);
    batch.addAll(later);

    List<CompletableFuture<Void>> futures = kafka.publish(batch);

    futures.get(0).get(30, TimeUnit.SECONDS);
    assertThatThrownBy(() -> futures.get(1).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("max.message.bytes")
        .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).as("over the limit is poison").isTrue());
    for (CompletableFuture<Void> held : futures.subList(2, futures.size())) {
      assertThatThrownBy(() -> held.get(30, TimeUnit.SECONDS))
          .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).as("held, not poison").isFalse());
    }
    assertThat(onTopic(kafka, domain)).containsExactly("a/0");

    admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
        new AlterConfigOp(new ConfigEntry("max.message.bytes", Integer.toString(4 * LIMIT)),
            AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    List<OutgoingMessage> again = new ArrayList<>();
    again.add(huge);
    again.addAll(later);
    Messages.publishAndConfirm(kafka, again);

    List<String> keyA = onTopic(kafka, domain).stream().filter(t -> !t.startsWith("b/")).toList();
    assertThat(keyA).containsExactly("a/0", "huge", "a/1", "a/2", "a/3", "a/4", "a/5");
  }

  private static List<String> onTopic(KafkaTransport kafka, String domain) {
    List<String> bodies = new ArrayList<>();
    kafka.replay(Destination.events(domain), ReplayFrom.beginning(), m -> {
      String text = Messages.text(m.body());
      bodies.add(text.startsWith("hugehuge") ? "huge" : text);
    });
    return bodies;
  }
}

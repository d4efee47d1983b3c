package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * A record over its topic's {@code max.message.bytes} while a later record of its key is in the same publish call
 * (issue 12), with a producer that compresses: the broker would check the compressed batch, and on refusing it the
 * producer splits the batch and sends the parts that fit, so the later record of the key could reach the topic ahead
 * of the refused one's retry. The transport therefore measures the record uncompressed and refuses it before the
 * producer has it, the later record of its key failing with it; a record of another key sent before it is written.
 */
class KafkaBrokerRefusalOrderTest {

  @Test
  void aRecordTheBrokerRefusesFailsWithTheLaterRecordOfItsKeyAndNeitherIsWritten() throws Exception {
    KafkaBroker.require();
    String domain = KafkaBroker.uniqueDomain("refusal");
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP);
    try (Admin client = Admin.create(admin)) {
      client.createTopics(List.of(new NewTopic("whizbang." + domain + ".events", 3, (short) 1)
          .configs(Map.of("max.message.bytes", "2048")))).all().get(30, TimeUnit.SECONDS);
    }
    try (KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().deliveryTimeout(Duration.ofSeconds(3))
        .producerProperty("compression.type", "gzip").build())) {
      // Random letters: over the limit even once compressed, so the broker would refuse it too.
      java.util.Random random = new java.util.Random(12);
      StringBuilder noise = new StringBuilder();
      for (int i = 0; i < 12_000; i++) {
        noise.append((char) ('a' + random.nextInt(26)));
      }
      OutgoingMessage big = Messages.event(domain, domain + ".Placed", "k", "k/1 " + noise);
      OutgoingMessage next = Messages.event(domain, domain + ".Placed", "k", "k/2");
      OutgoingMessage other = Messages.event(domain, domain + ".Placed", "other", "other/1");

      // The other key's record goes first: a failure fails the rest of its topic in the call (the contract allows
      // other keys to fail with it), so only what came before it is written.
      List<CompletableFuture<Void>> futures = kafka.publish(List.of(other, big, next));

      futures.get(0).get(30, TimeUnit.SECONDS);
      assertThatThrownBy(() -> futures.get(1).get(30, TimeUnit.SECONDS)).as("the record over the topic's limit")
          .hasMessageContaining("max.message.bytes");
      assertThatThrownBy(() -> futures.get(2).get(30, TimeUnit.SECONDS)).as("the next record of its key")
          .hasMessageContaining("must not overtake it");
      List<String> onTopic = new ArrayList<>();
      kafka.replay(Destination.events(domain), ReplayFrom.beginning(), m -> onTopic.add(Messages.text(m.body())));
      assertThat(onTopic).as("records on the topic").containsExactly("other/1");
    }
  }
}

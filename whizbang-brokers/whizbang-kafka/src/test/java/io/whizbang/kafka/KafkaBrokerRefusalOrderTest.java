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
 * A record the broker refuses while a later record of its key is in the same publish call (issue 12): the topic's
 * {@code max.message.bytes} is lower than the producer's limit, and the producer compresses, so the transport cannot
 * know the record's size on the broker and leaves the refusal to it (uncompressed, it refuses the record itself:
 * {@code KafkaTopicRefusalTest}). The later
 * record of the key must not be written ahead of the refused one's retry. (The producer keeps both in one batch,
 * which the broker refuses whole; the producer then lets the batch expire at the delivery timeout, so the failure
 * reaches the relay as unavailability, not as poison.)
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
      // Random letters: still well over the limit once compressed.
      java.util.Random random = new java.util.Random(12);
      StringBuilder noise = new StringBuilder();
      for (int i = 0; i < 12_000; i++) {
        noise.append((char) ('a' + random.nextInt(26)));
      }
      OutgoingMessage big = Messages.event(domain, domain + ".Placed", "k", "k/1 " + noise);
      OutgoingMessage next = Messages.event(domain, domain + ".Placed", "k", "k/2");
      OutgoingMessage other = Messages.event(domain, domain + ".Placed", "other", "other/1");

      List<CompletableFuture<Void>> futures = kafka.publish(List.of(big, next, other));

      assertThatThrownBy(() -> futures.get(0).get(30, TimeUnit.SECONDS)).as("the record over the topic's limit");
      assertThatThrownBy(() -> futures.get(1).get(30, TimeUnit.SECONDS)).as("the next record of its key");
      futures.get(2).get(30, TimeUnit.SECONDS);
      List<String> onTopic = new ArrayList<>();
      kafka.replay(Destination.events(domain), ReplayFrom.beginning(), m -> onTopic.add(Messages.text(m.body())));
      assertThat(onTopic).as("records on the topic").containsExactly("other/1");
    }
  }
}

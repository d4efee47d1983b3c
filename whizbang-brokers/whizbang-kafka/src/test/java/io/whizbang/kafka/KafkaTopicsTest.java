package io.whizbang.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Topic naming and provisioning against the real broker. */
class KafkaTopicsTest {

  private Admin admin;

  @BeforeEach
  void setUp() {
    KafkaBroker.require();
    admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.BOOTSTRAP));
  }

  @AfterEach
  void tearDown() {
    if (admin != null) {
      admin.close();
    }
  }

  private boolean exists(String topic) throws Exception {
    return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
  }

  @Test
  void missingTopicsAreCreatedWithTheConfiguredPartitions() throws Exception {
    String domain = KafkaBroker.uniqueDomain("prov");
    try (KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().partitions(5).build())) {
      Messages.publishAndConfirm(kafka, List.of(Messages.event(domain, "prov.Made", "k", "k/0")));
    }
    String topic = "whizbang." + domain + ".events";
    TopicDescription description =
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    assertThat(description.partitions()).hasSize(5);
  }

  @Test
  void withoutProvisioningPublishingToAMissingTopicFailsNamingIt() throws Exception {
    String domain = KafkaBroker.uniqueDomain("strict");
    String topic = "whizbang." + domain + ".events";
    try (KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().provisioning(false).build())) {
      CompletableFuture<Void> future = kafka.publish(List.of(Messages.event(domain, "strict.X", "k", "k/0"))).get(0);

      assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(MissingTopicException.class)
          .hasMessageContaining("'" + topic + "' does not exist")
          .hasMessageContaining("provisioning(true)");
    }
    assertThat(exists(topic)).as("not created behind the user's back").isFalse();
  }

  @Test
  void withoutProvisioningSubscribingToAMissingTopicFailsNamingIt() throws Exception {
    String domain = KafkaBroker.uniqueDomain("strict");
    String topic = "whizbang." + domain + ".commands";
    try (KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().provisioning(false).build())) {
      SubscriptionRequest request = new SubscriptionRequest("svc-" + domain,
          List.of(new SubscriptionRequest.Source(Destination.commands(domain), Set.of("strict.Do"))), 1);

      assertThatThrownBy(() -> kafka.subscribe(request, batch -> { }))
          .isInstanceOf(MissingTopicException.class)
          .hasMessageContaining("'" + topic + "' does not exist")
          .satisfies(e -> assertThat(((MissingTopicException) e).topic()).isEqualTo(topic));
    }
    assertThat(exists(topic)).isFalse();
  }

  @Test
  void withoutProvisioningAnExistingTopicIsUsed() throws Exception {
    String domain = KafkaBroker.uniqueDomain("existing");
    String topic = "whizbang." + domain + ".events";
    admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
    try (KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().provisioning(false).build())) {
      Received received = new Received();
      kafka.subscribe(new SubscriptionRequest("svc-" + domain,
          List.of(new SubscriptionRequest.Source(Destination.events(domain), Set.of())), 1), received);
      Messages.publishAndConfirm(kafka, List.of(Messages.event(domain, "existing.X", "k", "k/0")));
      received.awaitSize(1);
      assertThat(received.bodies()).containsExactly("k/0");
    }
  }

  @Test
  void aCustomTopicNamingIsUsedForPublishingAndSubscribing() throws Exception {
    String domain = KafkaBroker.uniqueDomain("named");
    String prefix = "tenant-a.";
    try (KafkaTransport kafka = KafkaTransport.connect(
        KafkaBroker.config().topicNaming(d -> prefix + d.conventionalName()).build())) {
      assertThat(kafka.topicOf(Destination.events(domain))).isEqualTo(prefix + "whizbang." + domain + ".events");
      Received received = new Received();
      kafka.subscribe(new SubscriptionRequest("svc-" + domain,
          List.of(new SubscriptionRequest.Source(Destination.events(domain), Set.of())), 1), received);
      Messages.publishAndConfirm(kafka, List.of(Messages.event(domain, "named.X", "k", "k/0")));
      received.awaitSize(1);
    }
    assertThat(exists(prefix + "whizbang." + domain + ".events")).isTrue();
    assertThat(exists("whizbang." + domain + ".events")).isFalse();
  }

  @Test
  void aTopicNamingThatReturnsNothingIsAClearError() {
    try (KafkaTransport kafka = KafkaTransport.connect(KafkaBroker.config().topicNaming(d -> " ").build())) {
      CompletableFuture<Void> future = kafka.publish(List.of(Messages.event("x", "x.Y", "k", "k/0"))).get(0);
      assertThatThrownBy(future::get)
          .hasCauseInstanceOf(KafkaConfigException.class)
          .hasMessageContaining("topic naming returned no name");
    }
  }
}

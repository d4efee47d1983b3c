package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static io.whizbang.sqs.Messages.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the transport creates, and the error naming what is missing when it may not create it. */
class ProvisioningTest {

  private final List<Runnable> cleanups = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    cleanups.forEach(Runnable::run);
  }

  private SqsTransport transport(Servers server, SqsConfig.Builder builder) {
    server.require();
    SqsTransport t = SqsTransport.connect(builder.build());
    cleanups.add(() -> Cleanup.delete(server, t));
    return t;
  }

  @Test
  void withoutProvisioningAMissingCommandQueueIsNamedInThePublishError() {
    SqsTransport transport = transport(Servers.ELASTICMQ, Servers.ELASTICMQ.config().provisioning(false));
    String queue = transport.config().namePrefix() + "-billing-commands.fifo";

    CompletableFuture<Void> future = transport.publish(List.of(message(Destination.commands("billing"),
        "billing.Charge", "k", "{}"))).get(0);

    assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
        .cause().isInstanceOf(MissingResourceException.class)
        .hasMessage("the SQS queue '" + queue + "' (the command queue of domain 'billing') does not exist in region"
            + " us-east-1 and provisioning is off: create it (FIFO queue) or turn provisioning on");
  }

  @Test
  void withoutProvisioningAMissingTopicIsNamedWhenSubscribing() throws Exception {
    SqsTransport transport = transport(Servers.FAUXQS, Servers.FAUXQS.config().provisioning(false));
    SqsTransport provisioning = transport(Servers.FAUXQS, Servers.FAUXQS.config()
        .namePrefix(transport.config().namePrefix()));
    String prefix = transport.config().namePrefix();
    // The queue exists (created by a provisioning deployment step); the topic does not.
    try (SqsClient sqs = Cleanup.sqs(Servers.FAUXQS)) {
      sqs.createQueue(b -> b.queueName(prefix + "-subscriber-shipping.fifo")
          .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
    }

    assertThatThrownBy(() -> transport.subscribe(new SubscriptionRequest("shipping",
        List.of(new Source(Destination.events("orders"), Set.of("orders.Placed"))), 1), new Collected()))
        .isInstanceOf(MissingResourceException.class)
        .hasMessage("the SNS topic '" + prefix + "-orders-events.fifo' for the events of domain 'orders' does not"
            + " exist in region us-east-1 and provisioning is off: create it (FIFO topic, content-based"
            + " deduplication off) or turn provisioning on");

    provisioning.publish(List.of(message(Destination.events("orders"), "orders.Placed", "k", "{}"))).get(0)
        .get(20, TimeUnit.SECONDS);
    assertThat(provisioning.createdResources()).contains(prefix + "-orders-events.fifo");
  }

  @Test
  void subscribingCreatesARawFilteredSubscriptionOfTheServiceQueueToTheDomainTopic() {
    SqsTransport transport = transport(Servers.FAUXQS, Servers.FAUXQS.config());
    String prefix = transport.config().namePrefix();

    transport.subscribe(new SubscriptionRequest("shipping", List.of(new Source(Destination.events("orders"),
        Set.of("orders.Placed", "orders.Cancelled"))), 1), new Collected()).close();

    try (SnsClient sns = Cleanup.sns(Servers.FAUXQS); SqsClient sqs = Cleanup.sqs(Servers.FAUXQS)) {
      String topicArn = sns.listTopics().topics().stream().map(t -> t.topicArn())
          .filter(a -> a.endsWith(":" + prefix + "-orders-events.fifo")).findFirst().orElseThrow();
      List<Subscription> subscriptions = sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions();
      assertThat(subscriptions).hasSize(1);
      assertThat(subscriptions.get(0).endpoint()).endsWith(":" + prefix + "-subscriber-shipping.fifo");
      Map<String, String> attributes = sns.getSubscriptionAttributes(b -> b.subscriptionArn(
          subscriptions.get(0).subscriptionArn())).attributes();
      assertThat(attributes).containsEntry("RawMessageDelivery", "true")
          .containsEntry("FilterPolicy", "{\"wb-type\":[\"orders.Cancelled\",\"orders.Placed\"]}");
      String url = sqs.getQueueUrl(b -> b.queueName(prefix + "-subscriber-shipping.fifo")).queueUrl();
      assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
          .containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
          .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "10");
    }
  }

  @Test
  void aSecondSubscriptionWithOtherWireNamesUpdatesTheFilterPolicy() throws Exception {
    SqsTransport transport = transport(Servers.FAUXQS, Servers.FAUXQS.config());
    Destination events = Destination.events("orders");
    transport.subscribe(new SubscriptionRequest("audit", List.of(new Source(events, Set.of("orders.Placed"))), 1),
        new Collected()).close();
    Collected collected = new Collected();
    transport.subscribe(new SubscriptionRequest("audit", List.of(new Source(events, Set.of("orders.Shipped"))), 1),
        collected);

    OutgoingMessage placed = message(events, "orders.Placed", "k", "{\"n\":1}");
    OutgoingMessage shipped = message(events, "orders.Shipped", "k", "{\"n\":2}");
    CompletableFuture.allOf(transport.publish(List.of(placed, shipped)).toArray(CompletableFuture[]::new))
        .get(20, TimeUnit.SECONDS);

    assertThat(Collected.await(Duration.ofSeconds(10), () -> collected.count() >= 1)).isTrue();
    Thread.sleep(1000);
    assertThat(collected.bodies()).containsExactly(new String(shipped.body(), StandardCharsets.UTF_8));
  }

  @Test
  void standardTopicsFanOutToStandardQueues() throws Exception {
    SqsTransport transport = transport(Servers.FAUXQS, Servers.FAUXQS.config().fifo(false));
    Destination events = Destination.events("catalog");
    Collected search = new Collected();
    Collected pricing = new Collected();
    transport.subscribe(new SubscriptionRequest("search", List.of(new Source(events, Set.of("catalog.Priced"))), 2),
        search);
    transport.subscribe(new SubscriptionRequest("pricing", List.of(new Source(events, Set.of("catalog.Priced"))), 1),
        pricing);
    List<OutgoingMessage> batch = numbered(events, "catalog.Priced", 25, 5);

    CompletableFuture.allOf(transport.publish(batch).toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    List<String> bodies = batch.stream().map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList();
    assertThat(Collected.await(Duration.ofSeconds(20), () -> search.count() >= 25 && pricing.count() >= 25)).isTrue();
    assertThat(search.bodies()).containsExactlyInAnyOrderElementsOf(bodies);
    assertThat(pricing.bodies()).containsExactlyInAnyOrderElementsOf(bodies);
    assertThat(transport.createdResources()).contains(transport.config().namePrefix() + "-catalog-events");
  }
}

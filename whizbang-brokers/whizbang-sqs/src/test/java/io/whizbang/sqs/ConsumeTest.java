package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.inbox.InboxConfig;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Delivery;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Consuming on ElasticMQ: a slow handler keeps its message hidden, a message is deleted only once acknowledged, and
 * the receive count feeds the inbox's dead-letter policy (or SQS's own redrive).
 */
class ConsumeTest {

  private static final Destination COMMANDS = Destination.commands("orders");
  private final List<SqsTransport> transports = new ArrayList<>();

  @BeforeEach
  void requireServer() {
    Servers.ELASTICMQ.require();
  }

  @AfterEach
  void cleanUp() {
    transports.forEach(t -> Cleanup.delete(Servers.ELASTICMQ, t));
  }

  private SqsTransport transport(SqsConfig.Builder builder) {
    SqsTransport t = SqsTransport.connect(builder.build());
    transports.add(t);
    return t;
  }

  private static Subscription subscribe(SqsTransport transport, DeliveryHandler handler) {
    return transport.subscribe(new SubscriptionRequest("shipping", List.of(new Source(COMMANDS,
        Set.of("orders.Ship"))), 1), handler);
  }

  private static void publish(SqsTransport transport, OutgoingMessage m) throws Exception {
    transport.publish(List.of(m)).get(0).get(20, TimeUnit.SECONDS);
  }

  @Test
  void aSlowHandlerKeepsItsMessageHiddenFromACompetingConsumer() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config().visibilityTimeout(Duration.ofSeconds(2)));
    List<String> handledBy = new CopyOnWriteArrayList<>();
    DeliveryHandler slow = batch -> {
      for (Delivery d : batch) {
        handledBy.add(Thread.currentThread().getName());
        sleep(5_000); // two and a half visibility timeouts
        d.ack();
      }
    };
    subscribe(transport, slow);
    subscribe(transport, slow); // a second instance polling the same queue

    publish(transport, message(COMMANDS, "orders.Ship", "k", "{}"));

    assertThat(Collected.await(Duration.ofSeconds(10), () -> !handledBy.isEmpty())).isTrue();
    Thread.sleep(6_500);
    assertThat(handledBy).as("deliveries while the first handler ran").hasSize(1);
    assertThat(transport.stats().detail("visibilityExtensions")).as("visibility extensions").isGreaterThanOrEqualTo(2);
  }

  @Test
  void theThreadFactoryGivenMakesThePollersLanesAndPublishers() throws Exception {
    java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
    SqsTransport transport = transport(Servers.ELASTICMQ.config().threads(job -> {
      Thread t = new Thread(job, "app-thread-" + made.incrementAndGet());
      t.setDaemon(true);
      return t;
    }));
    List<String> handledOn = new CopyOnWriteArrayList<>();
    subscribe(transport, batch -> {
      handledOn.add(Thread.currentThread().getName());
      batch.forEach(Delivery::ack);
    });

    publish(transport, message(COMMANDS, "orders.Ship", "k", "{}"));

    assertThat(Collected.await(Duration.ofSeconds(10), () -> !handledOn.isEmpty())).isTrue();
    assertThat(handledOn.get(0)).startsWith("app-thread-");
    // a poller for the one queue, a lane, a publisher, the visibility heartbeat
    assertThat(made.get()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aMessageIsDeletedOnlyAfterItsAcknowledgement() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    CountDownLatch handling = new CountDownLatch(1);
    CountDownLatch mayAck = new CountDownLatch(1);
    subscribe(transport, batch -> {
      handling.countDown();
      await(mayAck);
      batch.forEach(Delivery::ack);
    });
    publish(transport, message(COMMANDS, "orders.Ship", "k", "{}"));

    assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
    try (SqsClient sqs = Cleanup.sqs(Servers.ELASTICMQ)) {
      String url = sqs.getQueueUrl(b -> b.queueName(transport.config().namePrefix() + "-orders-commands.fifo"))
          .queueUrl();
      assertThat(counts(sqs, url)).as("in the handler: in flight, not deleted").isEqualTo(List.of(0, 1));

      mayAck.countDown();

      assertThat(Collected.await(Duration.ofSeconds(5), () -> counts(sqs, url).equals(List.of(0, 0))))
          .as("deleted after the acknowledgement").isTrue();
    }
  }

  @Test
  void aFailingHandlerLeavesTheMessageToBeReceivedAgainWithAHigherReceiveCount() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    List<Integer> counts = new CopyOnWriteArrayList<>();
    subscribe(transport, batch -> {
      batch.forEach(d -> counts.add(d.deliveryCount()));
      if (counts.size() == 1) {
        throw new IllegalStateException("handler failure");
      }
      batch.forEach(Delivery::ack);
    });

    publish(transport, message(COMMANDS, "orders.Ship", "k", "{}"));

    assertThat(Collected.await(Duration.ofSeconds(10), () -> counts.size() >= 2)).isTrue();
    Thread.sleep(1000);
    assertThat(counts).hasSize(2).startsWith(1);
    assertThat(counts.get(1)).as("receive count of the redelivery").isGreaterThanOrEqualTo(2);
  }

  @Test
  void theInboxDeadLettersAfterMaxAttemptsFailedHandlerRuns() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    try (StorageFixture db = StorageFixture.create(TestDb.H2)) {
      InboxConsumer inbox = InboxConsumer.builder(db.storage(), "shipping")
          .dispatchers(List.of(new FailingDispatcher()))
          .config(InboxConfig.builder().retryPolicy(InboxConfig.RetryPolicy.builder().maxAttempts(3)
              .initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(100)).jitter(0).build()).build())
          .build();
      List<Integer> receiveCounts = new CopyOnWriteArrayList<>();
      subscribe(transport, batch -> {
        batch.forEach(d -> receiveCounts.add(d.deliveryCount()));
        inbox.handle(batch);
      });
      OutgoingMessage m = message(COMMANDS, "orders.Ship", "k", "{}");

      publish(transport, m);

      assertThat(Collected.await(Duration.ofSeconds(20), () -> inbox.deadLetters().count() == 1)).isTrue();
      DeadLetter letter = inbox.deadLetters().list(0, 10).get(0);
      assertThat(letter.messageId()).isEqualTo(m.messageId());
      assertThat(letter.attempts()).isEqualTo(3);
      assertThat(letter.reason()).contains("cannot ship");
      assertThat(receiveCounts).containsExactly(1, 2, 3);
      inbox.close();
    }
  }

  @Test
  void withRedriveSqsMovesAMessageReceivedTooOftenToTheDeadLetterQueue() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config().deadLetterAfterReceives(2));
    List<Integer> counts = new CopyOnWriteArrayList<>();
    subscribe(transport, batch -> batch.forEach(d -> {
      counts.add(d.deliveryCount());
      d.release(Duration.ZERO);
    }));
    OutgoingMessage m = message(COMMANDS, "orders.Ship", "k", "{\"poison\":true}");

    publish(transport, m);

    try (SqsClient sqs = Cleanup.sqs(Servers.ELASTICMQ)) {
      String dlq = sqs.getQueueUrl(b -> b.queueName(transport.config().namePrefix()
          + "-orders-commands-dlq.fifo")).queueUrl();
      List<Message> dead = new ArrayList<>();
      assertThat(Collected.await(Duration.ofSeconds(15), () -> {
        dead.addAll(sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1)).messages());
        return !dead.isEmpty();
      })).isTrue();
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).body()).contains("\"poison\":true");
      // AWS moves it on the receive after the second; ElasticMQ already instead of the second.
      assertThat(counts).startsWith(1).hasSizeLessThanOrEqualTo(2).allMatch(c -> c <= 2);
    }
  }

  private static List<Integer> counts(SqsClient sqs, String url) {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return List.of(Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
        Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A handler that always fails, so that only the retry policy decides what happens. */
  private static final class FailingDispatcher implements MessageDispatcher {
    @Override
    public String handlerName() {
      return "ShippingHandlers";
    }

    @Override
    public Set<String> wireNames() {
      return Set.of("orders.Ship");
    }

    @Override
    public void dispatch(Envelope envelope, HandlerContext context) {
      throw new IllegalStateException("cannot ship " + envelope.messageId());
    }
  }
}

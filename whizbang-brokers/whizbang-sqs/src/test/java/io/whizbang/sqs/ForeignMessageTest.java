package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.DeadLetter;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.internal.inbox.InboxConsumer;
import io.whizbang.runtime.sql.StorageFixture;
import io.whizbang.runtime.sql.TestDb;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A foreign message that cannot be read (a body marked base64 that is not) is dead-lettered at once, as every
 * non-envelope is, and the next message of its FIFO group does not overtake it. On ElasticMQ, which returns both
 * messages of the group in one receive.
 */
class ForeignMessageTest {

  private static final Destination COMMANDS = Destination.commands("orders");
  private static final String NOT_BASE64 = "%%% not base64, not an envelope %%%";

  @Test
  void aBodyMarkedBase64ThatIsNotIsDeadLetteredAtOnceBeforeTheNextMessageOfItsGroup() throws Exception {
    Servers.ELASTICMQ.require();
    SqsTransport transport = SqsTransport.connect(Servers.ELASTICMQ.config().visibilityTimeout(Duration.ofSeconds(2)).build());
    try (StorageFixture db = StorageFixture.create(TestDb.H2); SqsClient sqs = Cleanup.sqs(Servers.ELASTICMQ)) {
      List<String> applied = new CopyOnWriteArrayList<>();
      InboxConsumer inbox = InboxConsumer.builder(db.storage(), "shipping")
          .dispatchers(List.of(new ShipRecorder(applied))).build();
      SubscriptionRequest request = new SubscriptionRequest("shipping", List.of(new Source(COMMANDS,
          Set.of("orders.Ship"))), 4);
      transport.subscribe(request, batch -> { }).close(); // creates the queue
      String url = sqs.getQueueUrl(b -> b.queueName(transport.nameOf(COMMANDS))).queueUrl();
      sqs.sendMessage(b -> b.queueUrl(url).messageBody(NOT_BASE64).messageGroupId("k")
          .messageDeduplicationId(UUID.randomUUID().toString()).messageAttributes(Map.of(
              BrokerHeaders.TYPE, text("orders.Ship"), WireMessage.BODY_ENCODING, text(WireMessage.BASE64))));
      OutgoingMessage next = message(COMMANDS, "orders.Ship", "k", "{\"n\":2}");
      transport.publish(List.of(next)).get(0).get(20, TimeUnit.SECONDS);

      List<String> handedOver = new CopyOnWriteArrayList<>();
      // Four lanes: the group must still go to one lane although the foreign message has no partition key.
      transport.subscribe(request, batch -> {
        batch.forEach(d -> handedOver.add(new String(d.body(), StandardCharsets.UTF_8)));
        inbox.handle(batch);
      });

      assertThat(Collected.await(Duration.ofSeconds(20), () -> !applied.isEmpty()
          && inbox.deadLetters().count() > 0))
          .as("applied %s, handed over %s", applied, handedOver).isTrue();
      assertThat(handedOver.get(0)).as("the foreign message first").isEqualTo(NOT_BASE64);
      assertThat(applied).containsExactly(next.messageId().toString());
      DeadLetter letter = inbox.deadLetters().list(0, 10).get(0);
      assertThat(new String(letter.body(), StandardCharsets.UTF_8)).isEqualTo(NOT_BASE64);
      assertThat(letter.attempts()).isZero();
      assertThat(Collected.await(Duration.ofSeconds(10), () -> messagesLeft(sqs, url) == 0))
          .as("both deleted from the queue").isTrue();
      Thread.sleep(3_000); // more than a visibility timeout: nothing comes back
      assertThat(handedOver).hasSize(2);
      inbox.close();
    } finally {
      Cleanup.delete(Servers.ELASTICMQ, transport);
    }
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static int messagesLeft(SqsClient sqs, String url) {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }
}

package io.whizbang.sqs;

import static io.whizbang.sqs.Messages.message;
import static io.whizbang.sqs.Messages.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.SubscriptionRequest.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Publishing on ElasticMQ: batches of ten, per-entry results, retried entries, refused oversize messages. */
class PublishTest {

  private final List<SqsTransport> transports = new ArrayList<>();
  private RefusingSqsClient refusing;

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

  /** A transport whose SQS client refuses chosen entries (see {@link RefusingSqsClient}). */
  private SqsTransport refusingTransport() {
    refusing = new RefusingSqsClient(Cleanup.sqs(Servers.ELASTICMQ));
    SqsTransport t = new SqsTransport(Servers.ELASTICMQ.config().publishRetryDelay(Duration.ofMillis(10)).build(),
        refusing, null, true);
    transports.add(t);
    return t;
  }

  @Test
  void messagesGoOutTenPerCallAndEachFutureCompletesFromItsOwnEntry() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    Destination commands = Destination.commands("orders");
    List<OutgoingMessage> batch = numbered(commands, "orders.Ship", 95, 20); // a call carries one message per key

    List<CompletableFuture<Void>> futures = transport.publish(batch);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(transport.stats().detail("sendCalls")).as("95 messages in calls of ten").isEqualTo(10);
    assertThat(transport.stats().detail("sentMessages")).isEqualTo(95);
    Collected collected = new Collected();
    transport.subscribe(new SubscriptionRequest("shipping", List.of(new Source(commands, Set.of("orders.Ship"))), 2),
        collected);
    assertThat(Collected.await(Duration.ofSeconds(20), () -> collected.count() >= 95)).isTrue();
    assertThat(collected.bodies()).containsExactlyInAnyOrderElementsOf(batch.stream()
        .map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList());
  }

  @Test
  void aBatchCallCarriesAtMost256KibInTotal() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    Destination commands = Destination.commands("files");
    String padding = "x".repeat(60_000);
    List<OutgoingMessage> batch = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      batch.add(message(commands, "files.Store", "f" + i, "{\"data\":\"" + padding + "\"}"));
    }

    CompletableFuture.allOf(transport.publish(batch).toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(transport.stats().detail("sendCalls")).as("8 messages of ~60 KB: four per call").isEqualTo(2);
    assertThat(transport.stats().detail("sentMessages")).isEqualTo(8);
  }

  @Test
  void aMessageOverTheLimitIsRefusedWithAClearErrorAndTheOthersAreSent() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    Destination commands = Destination.commands("files");
    OutgoingMessage small = message(commands, "files.Store", "a", "{\"n\":1}");
    OutgoingMessage huge = message(commands, "files.Store", "b", "{\"data\":\"" + "y".repeat(270_000) + "\"}");
    OutgoingMessage after = message(commands, "files.Store", "c", "{\"n\":2}");

    List<CompletableFuture<Void>> futures = transport.publish(List.of(small, huge, after));

    futures.get(0).get(20, TimeUnit.SECONDS);
    futures.get(2).get(20, TimeUnit.SECONDS);
    assertThatThrownBy(() -> futures.get(1).get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(MessageTooLargeException.class)
        .hasMessageContaining("message " + huge.messageId() + " (files.Store) is ")
        .hasMessageContaining("accepts at most 262144 bytes (256 KiB)")
        .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).as("too large is poison").isTrue());
    assertThat(transport.stats().detail("sentMessages")).isEqualTo(2);
  }

  @Test
  void aMessageOverTheLimitHoldsBackTheLaterMessagesOfItsKeyInTheCall() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    Destination commands = Destination.commands("files");
    OutgoingMessage huge = message(commands, "files.Store", "f", "{\"data\":\"" + "y".repeat(270_000) + "\"}");
    OutgoingMessage sameKey = message(commands, "files.Store", "f", "{\"n\":2}");
    OutgoingMessage otherKey = message(commands, "files.Store", "g", "{\"n\":3}");

    List<CompletableFuture<Void>> futures = transport.publish(List.of(huge, sameKey, otherKey));

    assertThatThrownBy(() -> futures.get(0).get(20, TimeUnit.SECONDS)).cause()
        .isInstanceOf(MessageTooLargeException.class);
    assertThatThrownBy(() -> futures.get(1).get(20, TimeUnit.SECONDS)).cause()
        .isInstanceOf(SqsPublishException.class)
        .hasMessageContaining("an earlier message of partition key 'f' was not accepted, and this one must not"
            + " overtake it")
        .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).as("held back, not poison itself")
            .isFalse());
    futures.get(2).get(20, TimeUnit.SECONDS);
    assertThat(transport.stats().detail("sentMessages")).as("only the other key's message").isEqualTo(1);
  }

  @Test
  void aCallCarriesOneMessageOfAKeySoNoneOvertakesAnEarlierOneTheServiceRefused() throws Exception {
    SqsTransport transport = refusingTransport();
    Destination commands = Destination.commands("orders");
    OutgoingMessage a1 = message(commands, "orders.Ship", "a", "{\"n\":1}");
    OutgoingMessage b1 = message(commands, "orders.Ship", "b", "{\"n\":1}");
    OutgoingMessage a2 = message(commands, "orders.Ship", "a", "{\"n\":2}");
    refusing.refuse(a1.messageId().toString(), 1, true);

    List<CompletableFuture<Void>> futures = transport.publish(List.of(a1, b1, a2));

    assertThatThrownBy(() -> futures.get(0).get(20, TimeUnit.SECONDS)).cause()
        .hasMessageContaining("InvalidParameterValue");
    futures.get(1).get(20, TimeUnit.SECONDS);
    assertThatThrownBy(() -> futures.get(2).get(20, TimeUnit.SECONDS)).cause()
        .hasMessageContaining("an earlier message of partition key 'a' was not accepted");
    assertThat(transport.stats().detail("sentMessages")).as("only b's message").isEqualTo(1);
  }

  @Test
  void anEntryRefusedForAServiceSideReasonIsSentAgainAndConfirmed() throws Exception {
    SqsTransport transport = refusingTransport();
    Destination commands = Destination.commands("orders");
    List<OutgoingMessage> batch = numbered(commands, "orders.Ship", 10, 10);
    refusing.refuse(batch.get(3).messageId().toString(), 2, false);

    List<CompletableFuture<Void>> futures = transport.publish(batch);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(transport.stats().detail("sendCalls")).as("the batch, then the refused entry twice more").isEqualTo(3);
    assertThat(transport.stats().detail("sentMessages")).isEqualTo(10);
  }

  @Test
  void anInvalidEntryFailsItsOwnFutureAndHoldsBackLaterMessagesOfItsKeyOnly() throws Exception {
    SqsTransport transport = refusingTransport();
    Destination commands = Destination.commands("orders");
    OutgoingMessage a1 = message(commands, "orders.Ship", "a", "{\"n\":1}");
    OutgoingMessage b1 = message(commands, "orders.Ship", "b", "{\"n\":1}");
    OutgoingMessage a2 = message(commands, "orders.Ship", "a", "{\"n\":2}");
    List<OutgoingMessage> batch = new ArrayList<>(List.of(a1, b1));
    batch.addAll(numbered(commands, "orders.Ship", 9, 3)); // pushes a2 into the second call
    batch.add(a2);
    refusing.refuse(a1.messageId().toString(), 1, true);

    List<CompletableFuture<Void>> futures = transport.publish(batch);

    assertThatThrownBy(() -> futures.get(0).get(20, TimeUnit.SECONDS))
        .cause().isInstanceOf(SqsPublishException.class)
        .hasMessageContaining("refused message " + a1.messageId() + " (orders.Ship): InvalidParameterValue: the"
            + " entry is not valid (invalid request, not retried)")
        .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).as("a sender fault is poison").isTrue());
    futures.get(1).get(20, TimeUnit.SECONDS);
    assertThatThrownBy(() -> futures.get(futures.size() - 1).get(20, TimeUnit.SECONDS))
        .cause().isInstanceOf(SqsPublishException.class)
        .hasMessageContaining("an earlier message of partition key 'a' was not accepted");
    for (int i = 2; i < futures.size() - 1; i++) {
      futures.get(i).get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFailedMessageHoldsBackItsKeyInLaterCallsNotYetSentAndItsRetryIsAccepted() throws Exception {
    SqsTransport transport = refusingTransport();
    Destination commands = Destination.commands("orders");
    OutgoingMessage a1 = message(commands, "orders.Ship", "a", "{\"n\":1}");
    OutgoingMessage a2 = message(commands, "orders.Ship", "a", "{\"n\":2}");
    OutgoingMessage b1 = message(commands, "orders.Ship", "b", "{\"n\":1}");
    refusing.refuse(a1.messageId().toString(), 1, true);
    CountDownLatch open = new CountDownLatch(1);
    CountDownLatch sending = new CountDownLatch(1);
    refusing.holdSends(open, sending);

    // Two calls, the second not waiting for the first, made while the first one's message is being sent.
    CompletableFuture<Void> first = transport.publish(List.of(a1)).get(0);
    assertThat(sending.await(20, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Void>> second = transport.publish(List.of(a2, b1));
    open.countDown();

    assertThatThrownBy(() -> first.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(SqsPublishException.class)
        .hasMessageContaining("InvalidParameterValue");
    assertThatThrownBy(() -> second.get(0).get(20, TimeUnit.SECONDS)).cause()
        .isInstanceOf(SqsPublishException.class)
        .hasMessageContaining("an earlier message of partition key 'a' was not accepted")
        .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).as("held, not poison").isFalse());
    second.get(1).get(20, TimeUnit.SECONDS);
    // The outbox's retry, once it saw the failure: accepted, in order.
    CompletableFuture.allOf(transport.publish(List.of(a1, a2)).toArray(CompletableFuture[]::new))
        .get(20, TimeUnit.SECONDS);
  }

  @Test
  void fifoMessagesCarryTheKeyAsGroupTheIdForDeduplicationAndTheHeadersAsAttributes() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    Destination commands = Destination.commands("orders");
    OutgoingMessage m = message(commands, "orders.Ship", "order-7", "{\"n\":1}");
    transport.publish(List.of(m)).get(0).get(20, TimeUnit.SECONDS);

    try (SqsClient sqs = Cleanup.sqs(Servers.ELASTICMQ)) {
      String url = sqs.getQueueUrl(b -> b.queueName(transport.config().namePrefix() + "-orders-commands.fifo"))
          .queueUrl();
      List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)
          .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
              MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).messages();

      assertThat(received).hasSize(1);
      Message r = received.get(0);
      assertThat(r.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("order-7");
      assertThat(r.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
          .isEqualTo(m.messageId().toString());
      assertThat(r.messageAttributes().get(BrokerHeaders.TYPE).stringValue()).isEqualTo("orders.Ship");
      assertThat(r.messageAttributes().get(BrokerHeaders.CORRELATION_ID).stringValue())
          .isEqualTo(m.headers().get(BrokerHeaders.CORRELATION_ID));
      assertThat(r.messageAttributes().get("traceparent").stringValue()).startsWith("00-0af7");
      assertThat(r.body()).isEqualTo(new String(m.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aMessageIdPublishedTwiceReachesAFifoQueueOnce() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    Destination commands = Destination.commands("orders");
    OutgoingMessage m = message(commands, "orders.Ship", "k", "{\"n\":1}");
    transport.publish(List.of(m)).get(0).get(20, TimeUnit.SECONDS);
    transport.publish(List.of(m)).get(0).get(20, TimeUnit.SECONDS);
    Collected collected = new Collected();
    transport.subscribe(new SubscriptionRequest("s", List.of(new Source(commands, Set.of("orders.Ship"))), 1),
        collected);

    assertThat(Collected.await(Duration.ofSeconds(10), () -> collected.count() >= 1)).isTrue();
    Thread.sleep(1500);
    assertThat(collected.count()).isEqualTo(1);
  }

  @Test
  void bytesThatAreNotTextTravelInBase64AndArriveUnchanged() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config());
    Destination commands = Destination.commands("raw");
    byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 0};
    OutgoingMessage m = new OutgoingMessage(UUID.randomUUID(), "raw.Blob", commands, null, 0, Map.of(), binary);
    transport.publish(List.of(m)).get(0).get(20, TimeUnit.SECONDS);
    List<byte[]> bodies = new ArrayList<>();
    transport.subscribe(new SubscriptionRequest("s", List.of(new Source(commands, Set.of("raw.Blob"))), 1), batch -> {
      batch.forEach(d -> {
        synchronized (bodies) {
          bodies.add(d.body());
        }
        d.ack();
      });
    });

    assertThat(Collected.await(Duration.ofSeconds(10), () -> {
      synchronized (bodies) {
        return !bodies.isEmpty();
      }
    })).isTrue();
    assertThat(bodies.get(0)).isEqualTo(binary);
  }

  @Test
  void standardQueuesDeliverToo() throws Exception {
    SqsTransport transport = transport(Servers.ELASTICMQ.config().fifo(false));
    Destination events = Destination.events("catalog");
    Collected collected = new Collected();
    transport.subscribe(new SubscriptionRequest("search", List.of(new Source(events, Set.of("catalog.Priced"))), 2),
        collected);
    List<OutgoingMessage> batch = numbered(events, "catalog.Priced", 30, 5);

    CompletableFuture.allOf(transport.publish(batch).toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(Collected.await(Duration.ofSeconds(20), () -> collected.count() >= 30)).isTrue();
    assertThat(collected.bodies()).containsExactlyInAnyOrderElementsOf(batch.stream()
        .map(x -> new String(x.body(), StandardCharsets.UTF_8)).toList());
  }
}

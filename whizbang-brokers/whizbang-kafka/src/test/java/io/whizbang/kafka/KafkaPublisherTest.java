package io.whizbang.kafka;

import io.whizbang.runtime.envelope.BrokerHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The publisher's confirmation rules, with Kafka's own mock producer standing in for the broker so that the moment
 * of acknowledgement is under the test's control.
 */
class KafkaPublisherTest {

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final List<String> ensured = new ArrayList<>();
  private final KafkaPublisher publisher = new KafkaPublisher(producer, new TopicResolver() {
    @Override
    public String nameOf(Destination destination) {
      return destination.conventionalName();
    }

    @Override
    public void ensure(Collection<String> topics) {
      ensured.addAll(topics);
    }
  }, WireFormat.WHIZBANG);

  private static OutgoingMessage message(String domain, String key) {
    return new OutgoingMessage(UUID.randomUUID(), domain + ".Happened", Destination.events(domain), key, 0,
        Map.of("correlation-id", "c-1"), (key + "-body").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFutureStaysOpenUntilTheBrokerAcknowledges() {
    CompletableFuture<Void> future = publisher.publish(List.of(message("orders", "o-1"))).get(0);

    assertThat(future).isNotDone();
    producer.completeNext();
    assertThat(future).isCompleted();
  }

  @Test
  void aRefusedMessageFailsItsFutureOnly() {
    List<CompletableFuture<Void>> futures =
        publisher.publish(List.of(message("orders", "o-1"), message("orders", "o-2")));

    producer.errorNext(new NotEnoughReplicasException("only 1 in-sync replica"));
    producer.completeNext();

    assertThatThrownBy(() -> futures.get(0).get())
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("Kafka did not accept message")
        .hasMessageContaining("only 1 in-sync replica");
    assertThat(futures.get(1)).isCompleted();
  }

  @Test
  void aSendThatCannotStartFailsItsFuture() {
    producer.sendException = new TimeoutException("Topic not present in metadata after 1500 ms");
    List<CompletableFuture<Void>> futures = publisher.publish(List.of(message("orders", "o-1")));
    assertThatThrownBy(() -> futures.get(0).get())
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("could not hand message")
        .hasMessageContaining("Topic not present in metadata");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void aSendTheProducerFailsThroughItsCallbackFailsTheRestOfItsTopicWithoutSendingThem() {
    // What the real producer does when it has no metadata within max.block.ms (the broker is down): it calls the
    // callback and returns a failed future instead of throwing. Here the broker is back for the next send.
    MockProducer<String, byte[]> noMetadataForOrders =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
          private boolean failedOnce;

          @Override
          public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (record.topic().equals("whizbang.orders.events") && !failedOnce) {
              failedOnce = true;
              TimeoutException e = new TimeoutException("Topic whizbang.orders.events not present in metadata");
              callback.onCompletion(null, e);
              return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
          }
        };
    KafkaPublisher stalled = new KafkaPublisher(noMetadataForOrders, new TopicResolver() {
      @Override
      public String nameOf(Destination destination) {
        return destination.conventionalName();
      }

      @Override
      public void ensure(Collection<String> topics) {}
    }, WireFormat.WHIZBANG);

    List<CompletableFuture<Void>> futures = stalled.publish(List.of(message("orders", "o-1"),
        message("orders", "o-1"), message("stock", "s-1")));

    assertThat(futures.get(0)).isCompletedExceptionally();
    assertThat(futures.get(1)).as("a later message of the topic is not even tried").isCompletedExceptionally();
    assertThatThrownBy(() -> futures.get(1).get()).hasMessageContaining("not present in metadata");
    assertThat(noMetadataForOrders.history()).extracting(ProducerRecord::topic)
        .containsExactly("whizbang.stock.events");
    assertThat(futures.get(2)).isNotDone();
  }

  @Test
  void recordsCarryTheKeyTheHeadersAndTheBody() {
    OutgoingMessage message = message("orders", "o-9");
    publisher.publish(List.of(message));

    ProducerRecord<String, byte[]> record = producer.history().get(0);
    assertThat(record.topic()).isEqualTo("whizbang.orders.events");
    assertThat(record.key()).isEqualTo("o-9");
    assertThat(record.value()).isEqualTo(message.body());
    assertThat(new String(record.headers().lastHeader(BrokerHeaders.TYPE).value(), StandardCharsets.UTF_8))
        .isEqualTo("orders.Happened");
    assertThat(new String(record.headers().lastHeader(BrokerHeaders.MESSAGE_ID).value(), StandardCharsets.UTF_8))
        .isEqualTo(message.messageId().toString());
    assertThat(new String(record.headers().lastHeader("correlation-id").value(), StandardCharsets.UTF_8))
        .isEqualTo("c-1");
  }

  @Test
  void aMissingTopicFailsEveryFutureOfTheBatchWithoutSending() {
    KafkaPublisher strict = new KafkaPublisher(producer, new TopicResolver() {
      @Override
      public String nameOf(Destination destination) {
        return destination.conventionalName();
      }

      @Override
      public void ensure(Collection<String> topics) {
        throw new MissingTopicException("whizbang.orders.events", "topic provisioning is off");
      }
    }, WireFormat.WHIZBANG);

    List<CompletableFuture<Void>> futures = strict.publish(List.of(message("orders", "a"), message("orders", "b")));

    for (CompletableFuture<Void> future : futures) {
      assertThatThrownBy(future::get).hasCauseInstanceOf(MissingTopicException.class)
          .hasMessageContaining("whizbang.orders.events");
    }
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void topicsAreCheckedOncePerBatch() {
    publisher.publish(List.of(message("orders", "a"), message("orders", "b"), message("stock", "c")));
    assertThat(ensured).containsExactly("whizbang.orders.events", "whizbang.stock.events");
  }

  /** A topic whose limit is {@code cached} until read again, then {@code reread}. */
  private KafkaPublisher limited(int cached, int reread) {
    return new KafkaPublisher(producer, new TopicResolver() {
      @Override
      public String nameOf(Destination destination) {
        return destination.conventionalName();
      }

      @Override
      public void ensure(Collection<String> topics) {}

      @Override
      public int maxMessageBytes(String topic, boolean again) {
        return again ? reread : cached;
      }
    }, WireFormat.WHIZBANG);
  }

  private static OutgoingMessage sized(String key, int bytes) {
    return new OutgoingMessage(UUID.randomUUID(), "orders.Happened", Destination.events("orders"), key, 0, Map.of(),
        new byte[bytes]);
  }

  @Test
  void aRecordOverItsTopicLimitIsPoisonAndHoldsTheRestOfTheTopicBeforeTheProducerHasIt() {
    List<CompletableFuture<Void>> futures = limited(1000, 1000)
        .publish(List.of(sized("a", 10), sized("a", 2000), sized("a", 10), sized("b", 10)));

    assertThat(producer.history()).hasSize(1);
    assertThatThrownBy(() -> futures.get(1).get()).hasMessageContaining("max.message.bytes")
        .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).isTrue());
    for (CompletableFuture<Void> held : futures.subList(2, 4)) {
      assertThatThrownBy(held::get).hasMessageContaining("must not overtake")
          .satisfies(e -> assertThat(PermanentPublishException.isPermanent(e)).isFalse());
    }
  }

  @Test
  void aLimitRaisedSinceItWasReadLetsTheRecordThrough() {
    limited(1000, 4000).publish(List.of(sized("a", 2000), sized("a", 10)));
    assertThat(producer.history()).hasSize(2);
  }
}

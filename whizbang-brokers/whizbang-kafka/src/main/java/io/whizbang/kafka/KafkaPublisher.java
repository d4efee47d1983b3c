package io.whizbang.kafka;

import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.PermanentPublishException;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import io.whizbang.runtime.transport.kit.PublishFailures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.DefaultRecord;
import org.apache.kafka.common.record.DefaultRecordBatch;

/**
 * Sends outgoing messages with the idempotent producer. A message's future completes only from the producer's send
 * callback, that is after the broker acknowledged it on all in-sync replicas, or exceptionally when it refused it or
 * the delivery timeout passed.
 *
 * <p>A record larger than its topic's {@code max.message.bytes} is refused here, before the producer has it. Were
 * the broker to refuse it, the producer would go on sending the records behind it, and the later messages of its
 * key would reach the topic before the refused one could be fixed and sent again. Its size is measured uncompressed,
 * whatever the producer's compression: the broker checks the compressed batch, whose size the producer alone knows
 * and only after the later records of the key may have gone out (it splits a refused compressed batch and sends
 * the parts that fit). A record that would have fitted once compressed is refused too: the price of keeping the
 * key's order.
 */
final class KafkaPublisher {

  private final Producer<String, byte[]> producer;
  private final TopicResolver topics;
  private final WireFormat wireFormat;

  KafkaPublisher(Producer<String, byte[]> producer, TopicResolver topics, WireFormat wireFormat) {
    this.producer = producer;
    this.wireFormat = wireFormat;
    this.topics = topics;
  }

  List<CompletableFuture<Void>> publish(List<OutgoingMessage> batch) {
    List<String> names = new ArrayList<>(batch.size());
    try {
      for (OutgoingMessage message : batch) {
        names.add(topics.nameOf(message.destination()));
      }
      topics.ensure(new LinkedHashSet<>(names));
    } catch (RuntimeException setupFailure) {
      List<CompletableFuture<Void>> failed = new ArrayList<>(batch.size());
      batch.forEach(message -> failed.add(CompletableFuture.failedFuture(setupFailure)));
      return failed;
    }
    List<CompletableFuture<Void>> futures = new ArrayList<>(batch.size());
    // Once a send fails before reaching the producer's buffer, the rest of that topic's messages fail too: sending
    // them anyway would let later messages of a key overtake the failed one.
    Map<String, RuntimeException> failedTopics = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      OutgoingMessage message = batch.get(i);
      CompletableFuture<Void> future = new CompletableFuture<>();
      futures.add(future);
      String topic = names.get(i);
      RuntimeException earlier = failedTopics.get(topic);
      if (earlier != null) {
        future.completeExceptionally(earlier);
        continue;
      }
      ProducerRecord<String, byte[]> record = RecordWire.record(topic, message, wireFormat);
      RuntimeException refused = tooLarge(topic, message, record);
      if (refused != null) {
        future.completeExceptionally(refused);
        failedTopics.put(topic, heldBehind(topic, refused));
        continue;
      }
      try {
        Future<RecordMetadata> sent = producer.send(record, (metadata, error) -> {
          if (error == null) {
            future.complete(null);
          } else {
            String text = "Kafka did not accept message " + message.messageId() + " (" + message.wireName()
                + ") on topic '" + topic + "': " + error;
            future.completeExceptionally(PublishFailures.classify(text, error, KafkaRefusals::isPermanent));
          }
        });
        // The producer reports some sends that could not start (no metadata within max.block.ms, as while the
        // broker is down) through the callback before send returns, not by throwing. Without stopping here every
        // later message would wait max.block.ms again, and one sent once the broker is back would overtake this one.
        if (sent.isDone() && future.isCompletedExceptionally()) {
          // The later messages are held behind this one, not refused themselves: they carry no permanent cause.
          failedTopics.put(topic, heldBehind(topic, future.handle((ignored, error) -> error).join()));
        }
      } catch (RuntimeException e) {
        RuntimeException failure = new WhizbangException("could not hand message " + message.messageId() + " ("
            + message.wireName() + ") to the Kafka producer for topic '" + topic + "': " + e, e);
        failedTopics.put(topic, failure);
        future.completeExceptionally(failure);
      }
    }
    return futures;
  }

  private static WhizbangException heldBehind(String topic, Throwable failure) {
    return new WhizbangException("not sent to topic '" + topic + "': an earlier message of the same call failed and"
        + " this one must not overtake it: " + failure.getMessage());
  }

  /**
   * The refusal of a record whose batch, alone, would exceed the topic's limit: permanent once the limit, read
   * again, still says so; unavailability when the limit cannot be read. Null when it fits.
   */
  private RuntimeException tooLarge(String topic, OutgoingMessage message, ProducerRecord<String, byte[]> record) {
    byte[] key = record.key() == null ? null : utf8(record.key());
    int size = DefaultRecordBatch.RECORD_BATCH_OVERHEAD + DefaultRecord.sizeInBytes(0, 0L,
        key == null ? null : ByteBuffer.wrap(key), ByteBuffer.wrap(record.value()), record.headers().toArray());
    if (size <= topics.maxMessageBytes(topic, false)) {
      return null;
    }
    int limit;
    try {
      limit = topics.maxMessageBytes(topic, true);
    } catch (RuntimeException e) {
      return new WhizbangException("message " + message.messageId() + " (" + message.wireName() + ") is " + size
          + " bytes, over the last known limit of topic '" + topic + "', which could not be read again: " + e, e);
    }
    if (size <= limit) {
      return null;
    }
    String text = "Kafka topic '" + topic + "' takes records of at most " + limit + " bytes (max.message.bytes);"
        + " message " + message.messageId() + " (" + message.wireName() + ") is " + size + " bytes uncompressed:"
        + " raise the topic's max.message.bytes or keep large data out of the message";
    return new PermanentPublishException(text, new RecordTooLargeException(text));
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}

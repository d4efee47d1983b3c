package io.whizbang.kafka;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.WhizbangException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.header.Header;

/**
 * Reads a topic back, outside any consumer group (nothing is committed, no group member is disturbed), from the
 * requested start up to the end each partition had when the replay began.
 */
final class KafkaReplayer {

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  private final KafkaConfig config;
  private final KafkaTopics topics;

  KafkaReplayer(KafkaConfig config, KafkaTopics topics) {
    this.config = config;
    this.topics = topics;
  }

  long replay(String topic, ReplayFrom from, ReplayHandler handler) {
    TopicDescription description = topics.describe(topic);
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicPartitionInfo info : description.partitions()) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    Duration timeout = config.operationTimeout();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(ClientProperties.consumer(config, null, "replay"))) {
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      seekToStart(consumer, partitions, from, end, timeout);
      Set<TopicPartition> remaining = new HashSet<>();
      for (TopicPartition tp : partitions) {
        if (consumer.position(tp, timeout) < end.get(tp)) {
          remaining.add(tp);
        }
      }
      long count = 0;
      long lastProgress = System.nanoTime();
      while (!remaining.isEmpty()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (ConsumerRecord<String, byte[]> record : records) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < end.get(tp)) {
            handler.handle(toMessage(record));
            count++;
          }
        }
        if (!records.isEmpty()) {
          lastProgress = System.nanoTime();
        }
        for (TopicPartition tp : List.copyOf(remaining)) {
          if (consumer.position(tp, timeout) >= end.get(tp)) {
            remaining.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
        if (!remaining.isEmpty() && System.nanoTime() - lastProgress > timeout.toNanos()) {
          throw new WhizbangException("replay of Kafka topic '" + topic + "' made no progress for " + timeout
              + " on partitions " + remaining + " (is the broker reachable? operationTimeout sets this bound)");
        }
      }
      return count;
    }
  }

  private static void seekToStart(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
      ReplayFrom from, Map<TopicPartition, Long> end, Duration timeout) {
    Instant instant = from.instant();
    if (instant == null) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    for (TopicPartition tp : partitions) {
      query.put(tp, instant.toEpochMilli());
    }
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      // No record at or after the instant: this partition has nothing to replay.
      consumer.seek(tp, at == null ? end.get(tp) : at.offset());
    }
  }

  private static ReplayedMessage toMessage(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new HashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    return new ReplayedMessage(record.topic(), record.partition(), record.offset(),
        Instant.ofEpochMilli(record.timestamp()), headers.get(BrokerHeaders.TYPE), record.key(), headers,
        record.value() == null ? new byte[0] : record.value());
  }
}

package io.whizbang.kafka;

import io.whizbang.runtime.core.WhizbangException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

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
    List<TopicPartition> partitions = description.partitions().stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    Duration timeout = config.operationTimeout();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(ClientProperties.consumer(config, null, "replay"))) {
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      seekToStart(consumer, partitions, from, end, timeout);
      Set<TopicPartition> remaining = new HashSet<>(partitions);
      long count = 0;
      long lastProgress = System.nanoTime();
      while (true) {
        for (TopicPartition tp : List.copyOf(remaining)) {
          if (consumer.position(tp, timeout) >= end.get(tp)) {
            remaining.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
        if (remaining.isEmpty()) {
          return count;
        }
        if (System.nanoTime() - lastProgress > timeout.toNanos()) {
          throw new WhizbangException("replay of Kafka topic '" + topic + "' made no progress for " + timeout
              + " on partitions " + remaining + " (is the broker reachable? operationTimeout sets this bound)");
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (ConsumerRecord<String, byte[]> record : records) {
          if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
            handler.handle(toMessage(record));
            count++;
          }
        }
        if (!records.isEmpty()) {
          lastProgress = System.nanoTime();
        }
      }
    }
  }

  private static void seekToStart(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
      ReplayFrom from, Map<TopicPartition, Long> end, Duration timeout) {
    Instant instant = from.instant();
    if (instant == null) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(
        partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> instant.toEpochMilli())), timeout);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      // No record at or after the instant: this partition has nothing to replay.
      consumer.seek(tp, at == null ? end.get(tp) : at.offset());
    }
  }

  private static ReplayedMessage toMessage(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = RecordWire.strings(record.headers());
    return new ReplayedMessage(record.topic(), record.partition(), record.offset(),
        Instant.ofEpochMilli(record.timestamp()), RecordWire.wireName(record.headers()), record.key(), headers,
        record.value() == null ? new byte[0] : record.value());
  }
}

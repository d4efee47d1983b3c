package io.whizbang.kafka;

import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decides from the wire-name header which records a subscription wants. Kafka cannot filter on the broker, so the
 * unwanted ones are acknowledged without being delivered. A source with no wire names wants everything on its topic,
 * and a record without the header (written by another producer) is delivered: the body is the source of truth.
 */
final class WireNameFilter {

  /** Topic → wanted wire names; {@code null} value means every name. */
  private final Map<String, Set<String>> wanted = new HashMap<>();

  WireNameFilter(SubscriptionRequest request, KafkaTopics topics) {
    for (SubscriptionRequest.Source source : request.sources()) {
      String topic = topics.nameOf(source.destination());
      if (source.wireNames().isEmpty()) {
        wanted.put(topic, null);
      } else if (!wanted.containsKey(topic) || wanted.get(topic) != null) {
        wanted.computeIfAbsent(topic, t -> new HashSet<>()).addAll(source.wireNames());
      }
    }
  }

  Set<String> topics() {
    return wanted.keySet();
  }

  boolean wants(ConsumerRecord<?, ?> record) {
    Set<String> names = wanted.get(record.topic());
    if (names == null) {
      return true;
    }
    String wireName = RecordWire.wireName(record.headers());
    return wireName == null || names.contains(wireName);
  }
}

package io.whizbang.kafka;

import io.whizbang.runtime.transport.SubscriptionRequest;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decides from the wire-name header which records a subscription wants. Kafka cannot filter on the broker, so the
 * unwanted ones are acknowledged without being delivered. A source with no wire names wants everything on its topic,
 * and a record without the header (written by another producer) is delivered: the body is the source of truth.
 */
final class WireNameFilter {

  /** Topic → wanted wire names; an empty set means every name. */
  private final Map<String, Set<String>> wanted;

  WireNameFilter(SubscriptionRequest request, KafkaTopics topics) {
    wanted = request.wireNamesBy(topics::nameOf);
  }

  Set<String> topics() {
    return wanted.keySet();
  }

  boolean wants(ConsumerRecord<?, ?> record) {
    Set<String> names = wanted.get(record.topic());
    if (names == null || names.isEmpty()) {
      return true;
    }
    String wireName = RecordWire.wireName(record.headers());
    return wireName == null || names.contains(wireName);
  }
}

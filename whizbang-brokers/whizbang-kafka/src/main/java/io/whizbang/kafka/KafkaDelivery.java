package io.whizbang.kafka;

import io.whizbang.runtime.transport.kit.SettlingDelivery;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One Kafka record handed to the handler; settling it reports to the lane of its partition. */
final class KafkaDelivery extends SettlingDelivery {

  private final PartitionLane lane;
  private final PartitionLane.Tracked tracked;
  private final ConsumerRecord<String, byte[]> record;

  KafkaDelivery(PartitionLane lane, PartitionLane.Tracked tracked, ConsumerRecord<String, byte[]> record,
      int deliveryCount, TransportCounters counters) {
    super(counters, RecordWire.body(record, publishedAt(record)), record.key(), deliveryCount, publishedAt(record));
    this.lane = lane;
    this.tracked = tracked;
    this.record = record;
  }

  /** The record timestamp (the producer's send time with the default CreateTime), or null when it has none. */
  private static java.time.Instant publishedAt(ConsumerRecord<String, byte[]> record) {
    return record.timestampType() == org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE
        || record.timestamp() < 0 ? null : java.time.Instant.ofEpochMilli(record.timestamp());
  }

  @Override
  protected void acknowledge() {
    lane.ack(tracked);
  }

  @Override
  protected void giveBack(Duration delay) {
    lane.release(tracked, delay);
  }

  @Override
  public String toString() {
    return "KafkaDelivery[" + record.topic() + "-" + record.partition() + "@" + record.offset() + " key="
        + record.key() + "]";
  }
}

package io.whizbang.kafka;

import io.whizbang.runtime.transport.Delivery;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One Kafka record handed to the handler; settling it reports to the lane of its partition. */
final class KafkaDelivery implements Delivery {

  private final PartitionLane lane;
  private final PartitionLane.Tracked tracked;
  private final ConsumerRecord<String, byte[]> record;
  private final int deliveryCount;
  private final AtomicBoolean settled = new AtomicBoolean();

  KafkaDelivery(PartitionLane lane, PartitionLane.Tracked tracked, ConsumerRecord<String, byte[]> record,
      int deliveryCount) {
    this.lane = lane;
    this.tracked = tracked;
    this.record = record;
    this.deliveryCount = deliveryCount;
  }

  @Override
  public byte[] body() {
    return record.value() == null ? new byte[0] : record.value();
  }

  @Override
  public String partitionKey() {
    return record.key();
  }

  /** The record timestamp (the producer's send time with the default CreateTime), or null when it has none. */
  @Override
  public java.time.Instant publishedAt() {
    return record.timestampType() == org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE
        || record.timestamp() < 0 ? null : java.time.Instant.ofEpochMilli(record.timestamp());
  }

  @Override
  public int deliveryCount() {
    return deliveryCount;
  }

  @Override
  public void ack() {
    settle();
    lane.ack(tracked);
  }

  @Override
  public void release(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("release delay must not be negative, was " + delay);
    }
    settle();
    lane.release(tracked, delay);
  }

  boolean isSettled() {
    return settled.get();
  }

  /** Releases a delivery the handler left unsettled; a no-op when it did settle it. */
  void releaseIfUnsettled(Duration delay) {
    if (settled.compareAndSet(false, true)) {
      lane.release(tracked, delay);
    }
  }

  private void settle() {
    if (!settled.compareAndSet(false, true)) {
      throw new IllegalStateException("delivery at " + record.topic() + "-" + record.partition() + "@"
          + record.offset() + " was already settled (ack or release it exactly once)");
    }
  }

  @Override
  public String toString() {
    return "KafkaDelivery[" + record.topic() + "-" + record.partition() + "@" + record.offset() + " key="
        + record.key() + "]";
  }
}

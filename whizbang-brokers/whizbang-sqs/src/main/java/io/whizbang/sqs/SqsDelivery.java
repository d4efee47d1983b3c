package io.whizbang.sqs;

import io.whizbang.runtime.transport.kit.SettlingDelivery;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;

/**
 * One received SQS message. {@link #ack()} deletes it (batched, right after the handler call returns);
 * {@link #release(Duration)} makes it visible again after the delay. Until then the subscription keeps extending its
 * visibility timeout, so a slow handler never sees its message handed to another consumer.
 */
final class SqsDelivery extends SettlingDelivery {

  final String queueUrl;
  final String receiptHandle;
  final String sqsMessageId;
  final String wireName;
  private final String groupId;
  private final int deliveryCount;
  private final java.time.Instant sentAt;
  private final SqsSubscription subscription;
  volatile long lastExtendedNanos;

  SqsDelivery(String queueUrl, String receiptHandle, String sqsMessageId, String wireName, byte[] body,
      String partitionKey, String groupId, int deliveryCount, java.time.Instant sentAt, SqsSubscription subscription,
      TransportCounters counters) {
    super(counters, body, partitionKey);
    this.queueUrl = queueUrl;
    this.receiptHandle = receiptHandle;
    this.sqsMessageId = sqsMessageId;
    this.wireName = wireName;
    this.groupId = groupId;
    this.deliveryCount = deliveryCount;
    this.sentAt = sentAt;
    this.subscription = subscription;
    this.lastExtendedNanos = System.nanoTime();
  }

  /**
   * When SQS took the message: its SentTimestamp (for a message from an SNS topic, when SNS delivered it to the
   * queue), or null when the server does not say. The inbox compares it with its retention.
   */
  @Override
  public java.time.Instant publishedAt() {
    return sentAt;
  }

  /**
   * SQS's ApproximateReceiveCount. It rises on every receive, also when the message was released unhandled behind
   * a failing message of its group, so it is no count of attempts: the inbox counts handler runs itself and reads
   * this only to tell a redelivery (above 1) from a first delivery.
   */
  @Override
  public int deliveryCount() {
    return deliveryCount;
  }

  /**
   * The key that picks the lane: the partition key; for a message without one (not published by Whizbang, say), its
   * FIFO message group, so that its group still stays in one lane in order; else the SQS message id.
   */
  String laneKey() {
    return partitionKey() != null ? partitionKey() : groupId != null ? groupId : sqsMessageId;
  }

  @Override
  protected void acknowledge() {
    subscription.acknowledged(this);
  }

  /** Made visible again after the delay, with the deliveries of its key still waiting in its lane behind it. */
  @Override
  protected void giveBack(Duration delay) {
    subscription.released(this, delay, true);
  }

  @Override
  public String toString() {
    return "SqsDelivery[" + wireName + " " + sqsMessageId + " #" + deliveryCount + "]";
  }
}

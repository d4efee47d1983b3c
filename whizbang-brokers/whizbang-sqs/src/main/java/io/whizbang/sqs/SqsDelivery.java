package io.whizbang.sqs;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.kit.CloudEventsBinding;
import io.whizbang.runtime.transport.kit.SettlingDelivery.ReceivedBody;
import io.whizbang.runtime.transport.kit.SettlingDelivery;
import io.whizbang.runtime.transport.kit.TransportCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One received SQS message. {@link #ack()} deletes it (batched, right after the handler call returns);
 * {@link #release(Duration)} makes it visible again after the delay. Until then the subscription keeps extending its
 * visibility timeout, so a slow handler never sees its message handed to another consumer.
 */
final class SqsDelivery extends SettlingDelivery {

  final String queueUrl;
  final Message message;
  final String wireName;
  private final SqsSubscription subscription;
  volatile long lastExtendedNanos = System.nanoTime();

  /**
   * Published: when SQS took the message, its SentTimestamp (for a message from an SNS topic, when SNS delivered it
   * to the queue), or null when the server does not say; the inbox compares it with its retention.
   *
   * @param body the body's bytes (decoded by the subscription, which says when it cannot be)
   * @param deliveryCount SQS's ApproximateReceiveCount ({@link #receiveCount}). It rises on every receive, also when
   *     the message was released unhandled behind a failing message of its group, so it is no count of attempts:
   *     the inbox counts handler runs itself and reads this only to tell a redelivery (above 1) from a first one.
   */
  SqsDelivery(String queueUrl, Message message, byte[] body, int deliveryCount, SqsSubscription subscription,
      TransportCounters counters) {
    super(counters, received(message, body), either(message, BrokerHeaders.PARTITION_KEY, CloudEventsBinding.SUBJECT),
        deliveryCount, sentAt(message));
    this.queueUrl = queueUrl;
    this.message = message;
    this.wireName = either(message, BrokerHeaders.TYPE, CloudEventsBinding.TYPE);
    this.subscription = subscription;
  }

  /** What the message carries: envelope bytes, or a CloudEvent in {@code ce_} attributes. */
  private static ReceivedBody received(Message message, byte[] body) {
    if (!CloudEventsBinding.SQS.isCloudEvent(message.messageAttributes())) {
      return ReceivedBody.envelopeBytes(body);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
    return ReceivedBody.read(CloudEventsBinding.SQS, attributes, null, body, sentAt(message));
  }

  /** The Whizbang attribute, else the CloudEvent attribute of the same meaning. */
  private static String either(Message message, String whizbang, String cloudEvent) {
    String value = attribute(message, whizbang);
    return value != null ? value : attribute(message, CloudEventsBinding.SQS.prefix() + cloudEvent);
  }

  /** SQS's ApproximateReceiveCount, 1 when it does not say; a message whose count is not a number cannot be read. */
  static int receiveCount(Message message) {
    String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    return count == null ? 1 : Integer.parseInt(count);
  }

  /** The text of a message attribute, or null when the message has none of that name. */
  static String attribute(Message message, String name) {
    MessageAttributeValue value = message.messageAttributes().get(name);
    return value == null ? null : value.stringValue();
  }

  private static Instant sentAt(Message message) {
    String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
    try {
      return sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The key that picks the lane: the partition key; for a message without one (not published by Whizbang, say), its
   * FIFO message group, so that its group still stays in one lane in order; else the SQS message id.
   */
  String laneKey() {
    String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    return partitionKey() != null ? partitionKey() : group != null ? group : message.messageId();
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
    return "SqsDelivery[" + wireName + " " + message.messageId() + " #" + deliveryCount() + "]";
  }
}

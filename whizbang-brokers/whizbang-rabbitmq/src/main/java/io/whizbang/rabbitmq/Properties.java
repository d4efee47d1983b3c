package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import io.whizbang.runtime.transport.kit.CloudEventsBinding;
import io.whizbang.runtime.transport.kit.SettlingDelivery.ReceivedBody;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps an outgoing message's metadata to AMQP properties and headers, and reads them back, in either
 * {@link WireFormat}: for CloudEvents, the AMQP binding's binary mode ({@code cloudEvents:} headers, the data as the
 * body, {@code datacontenttype} as the content type).
 */
final class Properties {

  static final String PARTITION_KEY = BrokerHeaders.PARTITION_KEY;
  static final String DOMAIN = BrokerHeaders.DOMAIN;
  /** Redeliveries counted by quorum queues. */
  static final String QUORUM_DELIVERY_COUNT = "x-delivery-count";

  private Properties() {}

  /** What is published: the properties and the body. */
  record Wire(AMQP.BasicProperties properties, byte[] body) {}

  static Wire wire(OutgoingMessage message, WireFormat format) {
    if (format == WireFormat.WHIZBANG) {
      return new Wire(of(message), message.body());
    }
    CloudEventsBinding.Outgoing event = CloudEventsBinding.AMQP.outgoing(message);
    // The same properties as the envelope form (ids, priority, persistence, ...), with the event's headers only.
    AMQP.BasicProperties properties = of(message).builder()
        .contentType(CloudEventsBinding.JSON)
        .correlationId(event.envelope().correlationId().toString())
        .headers(new HashMap<>(event.headers()))
        .build();
    return new Wire(properties, event.data());
  }

  /** What a received message carries, in whichever format it was written. */
  static ReceivedBody received(AMQP.BasicProperties properties, byte[] body) {
    Map<String, Object> headers = properties.getHeaders();
    if (headers == null || !CloudEventsBinding.AMQP.isCloudEvent(headers)) {
      return ReceivedBody.envelopeBytes(body);
    }
    Date timestamp = properties.getTimestamp();
    return ReceivedBody.read(CloudEventsBinding.AMQP, CloudEventsBinding.strings(headers), properties.getContentType(), body,
        timestamp == null ? null : timestamp.toInstant());
  }

  static AMQP.BasicProperties of(OutgoingMessage message) {
    Map<String, Object> headers = new HashMap<>(message.headers());
    // The message's own fields win over the free-form headers: they are what routing and lanes rely on.
    if (message.partitionKey() != null) {
      headers.put(PARTITION_KEY, message.partitionKey());
    } else {
      headers.remove(PARTITION_KEY);
    }
    headers.put(DOMAIN, message.destination().domain());
    String correlationId = message.headers().get(BrokerHeaders.CORRELATION_ID);
    // The time the message has left, counted when it is published: the queue drops (dead-letters) it after that.
    long remaining = BrokerHeaders.remainingMillis(message, System.currentTimeMillis());
    return new AMQP.BasicProperties.Builder()
        .messageId(message.messageId().toString())
        .type(message.wireName())
        .deliveryMode(2)
        .priority(message.priority())
        .expiration(remaining < 0 ? null : Long.toString(remaining))
        .correlationId(correlationId)
        .timestamp(new Date())
        .headers(headers)
        .build();
  }

  /** The partition key: the Whizbang header, else a CloudEvent's {@code subject}. */
  static String partitionKey(AMQP.BasicProperties properties) {
    String key = string(properties.getHeaders(), PARTITION_KEY);
    return key != null ? key : cloudEvent(properties, CloudEventsBinding.SUBJECT);
  }

  /** The message id: the AMQP property, else a CloudEvent's {@code id}. */
  static String messageId(AMQP.BasicProperties properties) {
    String id = properties.getMessageId();
    return id != null ? id : cloudEvent(properties, CloudEventsBinding.ID);
  }

  /** The wire name: the AMQP type, else a CloudEvent's {@code type}. */
  static String wireName(AMQP.BasicProperties properties) {
    String type = properties.getType();
    return type != null ? type : cloudEvent(properties, CloudEventsBinding.TYPE);
  }

  private static String cloudEvent(AMQP.BasicProperties properties, String attribute) {
    return properties.getHeaders() == null ? null : CloudEventsBinding.AMQP.attribute(properties.getHeaders(), attribute);
  }

  /**
   * 1 on first delivery, plus the redeliveries the broker reports: the quorum queue's count, or else the
   * redelivered flag as one (classic queues count nothing more precisely). Only broker deliveries count: a header
   * of an earlier copy (the {@code wb-delivery-count} older versions set when they republished a released message
   * into a delay queue) is ignored, because held-back messages raised it without their handler running.
   */
  static int deliveryCount(AMQP.BasicProperties properties, boolean redelivered) {
    int quorum = number(properties.getHeaders(), QUORUM_DELIVERY_COUNT);
    return 1 + (quorum > 0 ? quorum : (redelivered ? 1 : 0));
  }

  private static String string(Map<String, Object> headers, String key) {
    Object value = headers == null ? null : headers.get(key);
    if (value == null) {
      return null;
    }
    return value instanceof LongString ls ? ls.toString() : value.toString();
  }

  private static int number(Map<String, Object> headers, String key) {
    Object value = headers == null ? null : headers.get(key);
    if (value instanceof Number n) {
      return n.intValue();
    }
    return 0;
  }
}

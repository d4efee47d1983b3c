package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/** Maps an outgoing message's metadata to AMQP properties and headers, and reads them back. */
final class Properties {

  static final String PARTITION_KEY = BrokerHeaders.PARTITION_KEY;
  static final String DOMAIN = BrokerHeaders.DOMAIN;
  /** Redeliveries counted by quorum queues. */
  static final String QUORUM_DELIVERY_COUNT = "x-delivery-count";

  private Properties() {}

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

  static String partitionKey(AMQP.BasicProperties properties) {
    return string(properties.getHeaders(), PARTITION_KEY);
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

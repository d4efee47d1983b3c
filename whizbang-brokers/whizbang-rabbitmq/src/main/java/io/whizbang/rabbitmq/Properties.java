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
  /** Deliveries before this copy: set when a released message is republished through a delay queue. */
  static final String DELIVERY_COUNT = "wb-delivery-count";
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
    return new AMQP.BasicProperties.Builder()
        .messageId(message.messageId().toString())
        .type(message.wireName())
        .deliveryMode(2)
        .priority(message.priority())
        .correlationId(correlationId)
        .timestamp(new Date())
        .headers(headers)
        .build();
  }

  /** The properties of a released message's next copy: the same, with the delivery count raised. */
  static AMQP.BasicProperties forRedelivery(AMQP.BasicProperties original, int deliveriesSoFar) {
    Map<String, Object> headers = original.getHeaders() == null ? new HashMap<>() : new HashMap<>(original.getHeaders());
    headers.remove("x-death");
    headers.remove(QUORUM_DELIVERY_COUNT);
    headers.put(DELIVERY_COUNT, deliveriesSoFar);
    return original.builder().headers(headers).expiration(null).build();
  }

  static String partitionKey(AMQP.BasicProperties properties) {
    return string(properties.getHeaders(), PARTITION_KEY);
  }

  /**
   * 1 on first delivery. Counts this transport's own republishes, the quorum queue's count, and otherwise treats the
   * broker's redelivered flag as one more delivery (classic queues count nothing more precisely).
   */
  static int deliveryCount(AMQP.BasicProperties properties, boolean redelivered) {
    Map<String, Object> headers = properties.getHeaders();
    int before = number(headers, DELIVERY_COUNT);
    int quorum = number(headers, QUORUM_DELIVERY_COUNT);
    int broker = quorum > 0 ? quorum : (redelivered ? 1 : 0);
    return before + broker + 1;
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

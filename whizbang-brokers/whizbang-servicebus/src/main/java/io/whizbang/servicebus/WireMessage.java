package io.whizbang.servicebus;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import io.whizbang.runtime.transport.kit.CloudEventsBinding;
import io.whizbang.runtime.transport.kit.SettlingDelivery.ReceivedBody;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An envelope in Service Bus terms, both ways. Sent: the body as is; message id = the envelope's id (what duplicate
 * detection compares); session id = the partition key (the message id for a message without one, so it is its own
 * session); subject = the wire name, for tools; application properties = the broker headers, among them
 * {@code wb-type} (what subscription rules match) and {@code wb-partition-key} (the full key, also when the session
 * id is a hash of a long one).
 *
 * <p>As a CloudEvent ({@link WireFormat#CLOUDEVENTS}, the AMQP binding's binary mode, Service Bus being AMQP 1.0):
 * the body is the data, the content type {@code datacontenttype}, the application properties the event's attributes
 * as {@code cloudEvents:<name>} plus {@code wb-type} for the subscription rules; message id, session id and subject
 * as above.
 */
final class WireMessage {

  /** The application property subscription rules match: the wire name. */
  static final String TYPE_PROPERTY = BrokerHeaders.TYPE;

  private WireMessage() {}

  static ServiceBusMessage of(OutgoingMessage m, WireFormat format) {
    if (format == WireFormat.WHIZBANG) {
      return of(m);
    }
    CloudEventsBinding.Outgoing event = CloudEventsBinding.AMQP.outgoing(m);
    // The same message as the envelope form (ids, session, subject, ...), with the data and the event's properties.
    ServiceBusMessage message = of(m, event.data());
    message.setContentType(CloudEventsBinding.JSON);
    message.setCorrelationId(event.envelope().correlationId().toString());
    Map<String, Object> properties = message.getApplicationProperties();
    properties.clear();
    properties.putAll(event.headers());
    properties.put(TYPE_PROPERTY, m.wireName());
    return message;
  }

  /** What a received message carries, in whichever format it was written. */
  static ReceivedBody received(ServiceBusReceivedMessage m) {
    byte[] body = m.getBody().toBytes();
    if (!CloudEventsBinding.AMQP.isCloudEvent(m.getApplicationProperties())) {
      return ReceivedBody.envelopeBytes(body);
    }
    return ReceivedBody.read(CloudEventsBinding.AMQP, CloudEventsBinding.strings(m.getApplicationProperties()),
        m.getContentType(), body, enqueuedAt(m));
  }

  /** When Service Bus enqueued a received message, or {@code null}. */
  static Instant enqueuedAt(ServiceBusReceivedMessage m) {
    return m.getEnqueuedTime() == null ? null : m.getEnqueuedTime().toInstant();
  }

  static ServiceBusMessage of(OutgoingMessage m) {
    return of(m, m.body());
  }

  private static ServiceBusMessage of(OutgoingMessage m, byte[] body) {
    ServiceBusMessage message = new ServiceBusMessage(body);
    String id = m.messageId().toString();
    message.setMessageId(id);
    message.setSessionId(m.partitionKey() == null ? id : ServiceBusNames.sessionId(m.partitionKey()));
    message.setSubject(m.wireName());
    message.setContentType("application/json");
    Map<String, Object> properties = message.getApplicationProperties();
    m.headers().forEach((name, value) -> {
      if (value != null) {
        properties.put(name, value);
      }
    });
    properties.put(BrokerHeaders.TYPE, m.wireName());
    properties.put(BrokerHeaders.MESSAGE_ID, id);
    if (m.partitionKey() != null) {
      properties.put(BrokerHeaders.PARTITION_KEY, m.partitionKey());
    } else {
      properties.remove(BrokerHeaders.PARTITION_KEY);
    }
    String correlation = m.headers().get(BrokerHeaders.CORRELATION_ID);
    if (correlation != null) {
      message.setCorrelationId(correlation);
    }
    long remaining = BrokerHeaders.remainingMillis(m, System.currentTimeMillis());
    if (remaining > 0) {
      message.setTimeToLive(Duration.ofMillis(remaining));   // counted when sent: the entity drops it after that
    }
    return message;
  }

  /** The partition key a received message was published with, or {@code null}. */
  static String partitionKey(ServiceBusReceivedMessage m) {
    Object key = m.getApplicationProperties().get(BrokerHeaders.PARTITION_KEY);
    return key != null ? key.toString()
        : CloudEventsBinding.AMQP.attribute(m.getApplicationProperties(), CloudEventsBinding.SUBJECT);
  }

  /**
   * The wire name of a received message: its {@code wb-type} property, else a CloudEvent's type, else its subject,
   * else {@code null}.
   */
  static String wireName(ServiceBusReceivedMessage m) {
    Object type = m.getApplicationProperties().get(BrokerHeaders.TYPE);
    if (type != null) {
      return type.toString();
    }
    String eventType = CloudEventsBinding.AMQP.attribute(m.getApplicationProperties(), CloudEventsBinding.TYPE);
    return eventType != null ? eventType : m.getSubject();
  }

  /**
   * 1 on first delivery. The SDK reports the AMQP header's delivery-count, the number of earlier deliveries (0 on the
   * first), which Service Bus raises on every abandon and every lock that ran out.
   */
  static int deliveryCount(ServiceBusReceivedMessage m) {
    return (int) Math.min(Integer.MAX_VALUE, m.getDeliveryCount() + 1);
  }
}

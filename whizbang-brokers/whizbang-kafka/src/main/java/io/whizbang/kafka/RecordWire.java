package io.whizbang.kafka;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import io.whizbang.runtime.transport.kit.CloudEventsBinding;
import io.whizbang.runtime.transport.kit.SettlingDelivery.ReceivedBody;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A message as a Kafka record in either {@link WireFormat}, and back: the envelope as the value with {@code wb-}
 * headers, or a CloudEvent in the Kafka binding's binary mode ({@code ce_} headers, {@code content-type}, the
 * partition key as the record key, the data as the value).
 */
final class RecordWire {

  private static final String CE_TYPE = CloudEventsBinding.KAFKA.prefix() + CloudEventsBinding.TYPE;

  private RecordWire() {}

  static ProducerRecord<String, byte[]> record(String topic, OutgoingMessage message, WireFormat format) {
    RecordHeaders headers = new RecordHeaders();
    if (format == WireFormat.CLOUDEVENTS) {
      CloudEventsBinding.Outgoing event = CloudEventsBinding.KAFKA.outgoing(message);
      event.headers().forEach((name, value) -> headers.add(name, utf8(value)));
      return new ProducerRecord<>(topic, null, null, message.partitionKey(), event.data(), headers);
    }
    message.headers().forEach((name, value) -> {
      if (!name.equals(BrokerHeaders.TYPE) && !name.equals(BrokerHeaders.MESSAGE_ID)) {
        headers.add(name, utf8(value));
      }
    });
    // Always present, even when the caller passed no headers: consumers filter on the type without the body.
    headers.add(BrokerHeaders.TYPE, utf8(message.wireName()));
    headers.add(BrokerHeaders.MESSAGE_ID, utf8(message.messageId().toString()));
    return new ProducerRecord<>(topic, null, null, message.partitionKey(), message.body(), headers);
  }

  /** What a received record carries, in whichever format it was written. */
  static ReceivedBody body(ConsumerRecord<String, byte[]> record, Instant publishedAt) {
    byte[] value = record.value() == null ? new byte[0] : record.value();
    if (record.headers().lastHeader(CloudEventsBinding.KAFKA.specVersionHeaders().get(0)) == null) {
      return ReceivedBody.envelopeBytes(value);
    }
    return ReceivedBody.read(CloudEventsBinding.KAFKA, strings(record.headers()), null, value, publishedAt);
  }

  /** The wire name a record's headers declare ({@code wb-type}, else a CloudEvent's {@code ce_type}), or null. */
  static String wireName(Headers headers) {
    Header header = headers.lastHeader(BrokerHeaders.TYPE);
    if (header == null) {
      header = headers.lastHeader(CE_TYPE);
    }
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The headers as UTF-8 strings; a repeated header has its last value, a null value is empty. */
  static Map<String, String> strings(Headers headers) {
    Map<String, String> strings = new LinkedHashMap<>();
    for (Header header : headers) {
      strings.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    return strings;
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}

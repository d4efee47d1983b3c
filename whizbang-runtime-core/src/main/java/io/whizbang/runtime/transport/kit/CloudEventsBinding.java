package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.transport.OutgoingMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one protocol binding names the CloudEvents attributes in a broker's headers: the prefix it writes, the
 * prefixes it reads, and where {@code datacontenttype} goes. The attribute mapping itself is
 * {@link CloudEventsMapping}'s; a broker module only turns these string headers into its own header type.
 *
 * <pre>{@code
 * CloudEventsBinding.Outgoing out = CloudEventsBinding.KAFKA.outgoing(message);   // ce_ headers + the data
 * Envelope back = CloudEventsBinding.KAFKA.envelope(headers, null, value, receivedAt);
 * }</pre>
 *
 * @param prefix written before every attribute name
 * @param readPrefixes every prefix an attribute is read under (the first found wins)
 * @param contentTypeHeader the header that carries {@code datacontenttype}, or {@code null} when the broker has a
 *     message property for it (AMQP's {@code content-type}) or leaves it out (SQS/SNS, for room)
 * @param maxHeaders the most headers a message may have on this broker
 */
public record CloudEventsBinding(String prefix, List<String> readPrefixes, String contentTypeHeader, int maxHeaders) {

  /** Attribute names and the content type a broker module needs besides the headers this binding maps. */
  public static final String ID = CloudEventsMapping.ID;
  public static final String TYPE = CloudEventsMapping.TYPE;
  public static final String SUBJECT = CloudEventsMapping.SUBJECT;
  public static final String JSON = CloudEventsMapping.JSON;

  /** Kafka protocol binding, binary mode: {@code ce_} headers, {@code content-type} header. */
  public static final CloudEventsBinding KAFKA =
      new CloudEventsBinding("ce_", List.of("ce_"), "content-type", Integer.MAX_VALUE);
  /**
   * AMQP protocol binding, binary mode: {@code cloudEvents:} application properties (also read:
   * {@code cloudEvents_}, the form for JMS-style names), {@code datacontenttype} in the AMQP content type.
   */
  public static final CloudEventsBinding AMQP =
      new CloudEventsBinding("cloudEvents:", List.of("cloudEvents:", "cloudEvents_"), null, Integer.MAX_VALUE);
  /**
   * SQS and SNS message attributes (no official binding): {@code ce_} as for Kafka ({@code :} is not allowed in an
   * attribute name), no {@code datacontenttype} (the data is always JSON), and at most nine: SQS takes ten
   * attributes, and the tenth is {@code wb-type}, which SNS filter policies match in either format.
   */
  public static final CloudEventsBinding SQS = new CloudEventsBinding("ce_", List.of("ce_"), null, 9);

  public CloudEventsBinding {
    readPrefixes = List.copyOf(readPrefixes);
  }

  /** An outgoing message in binary mode: the headers to set and the body, the event's data. */
  public record Outgoing(Envelope envelope, Map<String, String> headers, byte[] data) {}

  /** The header names whose presence marks a CloudEvent ({@code specversion} under each read prefix). */
  public List<String> specVersionHeaders() {
    return readPrefixes.stream().map(p -> p + CloudEventsMapping.SPECVERSION).toList();
  }

  /** One attribute of a received message, under the first read prefix that has it, as text; or {@code null}. */
  public String attribute(Map<String, ?> headers, String name) {
    for (String p : readPrefixes) {
      Object value = headers.get(p + name);
      if (value != null) {
        return text(value);
      }
    }
    return null;
  }

  /**
   * Native header values as text, for {@link #envelope}: timestamps (an AMQP {@code timestamp} arrives as a
   * {@link java.util.Date} or a {@link java.time.temporal.TemporalAccessor}) as RFC 3339, the rest as their string
   * form.
   */
  public static Map<String, String> strings(Map<String, ?> headers) {
    Map<String, String> strings = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      if (value != null) {
        strings.put(name, text(value));
      }
    });
    return strings;
  }

  private static String text(Object value) {
    if (value instanceof java.util.Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof java.time.OffsetDateTime time) {
      return time.toInstant().toString();
    }
    return value.toString();
  }

  /** Whether {@code headers} carry a CloudEvent in binary mode. */
  public boolean isCloudEvent(Map<String, ?> headers) {
    for (String name : specVersionHeaders()) {
      if (headers.containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Splits the envelope an outgoing message carries (as the outbox stored it) into headers and data: one streaming
   * read of the envelope, the data sliced out as it is, never re-serialized.
   */
  public Outgoing outgoing(OutgoingMessage message) {
    Envelope envelope = EnvelopeCodec.decode(message.body());
    return new Outgoing(envelope, headers(envelope), envelope.payload());
  }

  /** The headers of {@code envelope}'s CloudEvent under this binding's names. */
  public Map<String, String> headers(Envelope envelope) {
    Map<String, String> attributes = CloudEventsMapping.attributes(envelope, contentTypeHeader != null, maxHeaders);
    Map<String, String> headers = new LinkedHashMap<>();
    attributes.forEach((name, value) -> headers.put(
        name.equals(CloudEventsMapping.DATACONTENTTYPE) ? contentTypeHeader : prefix + name, value));
    return headers;
  }

  /**
   * The envelope of a received CloudEvent.
   *
   * @param headers the message's headers as strings (others than the binding's are ignored)
   * @param contentType the broker's content-type property, when {@link #contentTypeHeader} is null
   * @param receivedAt when the broker took the message, for an event without {@code time}, or {@code null}
   * @throws io.whizbang.runtime.envelope.MalformedEnvelopeException naming the attribute at fault
   */
  public Envelope envelope(Map<String, String> headers, String contentType, byte[] data, Instant receivedAt) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = readPrefixes.size() - 1; i >= 0; i--) { // the first prefix wins: put last
      String p = readPrefixes.get(i);
      headers.forEach((name, value) -> {
        if (name.startsWith(p) && name.length() > p.length() && value != null) {
          attributes.put(name.substring(p.length()), value);
        }
      });
    }
    String type = contentTypeHeader != null ? headers.get(contentTypeHeader) : contentType;
    if (type != null) {
      attributes.put(CloudEventsMapping.DATACONTENTTYPE, type);
    }
    return CloudEventsMapping.envelope(attributes, data, receivedAt);
  }
}

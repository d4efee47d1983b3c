package io.whizbang.sqs;

import io.whizbang.runtime.envelope.BrokerHeaders;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.kit.BrokerConfig.WireFormat;
import io.whizbang.runtime.transport.kit.CloudEventsBinding;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An outgoing message in SQS/SNS terms: a text body and at most ten string attributes (the SQS limit, which SNS raw
 * delivery carries over). The envelope is JSON, sent as it is; bytes that are not text SQS accepts are sent in
 * base64 and marked so.
 *
 * <p>Attributes, in this order until ten are used: {@code wb-type} (the wire name, which filter policies match),
 * {@code wb-message-id}, {@code wb-partition-key}, {@code wb-body-encoding} when base64, then the message's broker
 * headers ({@link BrokerHeaders}) in their order.
 *
 * <p>As a CloudEvent ({@link WireFormat#CLOUDEVENTS}; SQS and SNS have no official binding): the body is the data,
 * and the attributes are {@code wb-type}, still there for the filter policies of both formats, then the event's
 * attributes as {@code ce_<name>} ({@link CloudEventsBinding#SQS}: at most nine, without {@code datacontenttype}).
 */
record WireMessage(OutgoingMessage message, String body, Map<String, String> attributes, int size) {

  static final int MAX_ATTRIBUTES = 10;
  /** What SQS counts for an attribute besides its name and value: its data type, {@code String}. */
  static final int BYTES_PER_ATTRIBUTE = 6;
  static final String BODY_ENCODING = "wb-body-encoding";
  static final String BASE64 = "base64";
  /** SNS and SQS attribute names: no leading "AWS." or "Amazon.", these characters only. */
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

  static WireMessage of(OutgoingMessage message, WireFormat format) {
    if (format == WireFormat.WHIZBANG) {
      return of(message);
    }
    CloudEventsBinding.Outgoing event = CloudEventsBinding.SQS.outgoing(message);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(BrokerHeaders.TYPE, message.wireName());
    attributes.putAll(event.headers());
    String body = text(event.data());
    if (body == null) {
      body = Base64.getEncoder().encodeToString(event.data());
      attributes.put(BODY_ENCODING, BASE64);
    }
    return sized(message, body, attributes);
  }

  static WireMessage of(OutgoingMessage message) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(BrokerHeaders.TYPE, message.wireName());
    attributes.put(BrokerHeaders.MESSAGE_ID, message.messageId().toString());
    if (message.partitionKey() != null && !message.partitionKey().isEmpty()) {
      attributes.put(BrokerHeaders.PARTITION_KEY, message.partitionKey());
    }
    String body = text(message.body());
    if (body == null) {
      body = Base64.getEncoder().encodeToString(message.body());
      attributes.put(BODY_ENCODING, BASE64);
    }
    for (Map.Entry<String, String> header : message.headers().entrySet()) {
      if (attributes.size() >= MAX_ATTRIBUTES) {
        break;
      }
      String name = header.getKey();
      if (!attributes.containsKey(name) && ATTRIBUTE_NAME.matcher(name).matches() && !name.startsWith("AWS.")
          && !name.startsWith("Amazon.") && header.getValue() != null && !header.getValue().isEmpty()) {
        attributes.put(name, header.getValue());
      }
    }
    return sized(message, body, attributes);
  }

  private static WireMessage sized(OutgoingMessage message, String body, Map<String, String> attributes) {
    int size = body.getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      // SQS counts the name, the data type ("String") and the value of every attribute.
      size += a.getKey().getBytes(StandardCharsets.UTF_8).length + BYTES_PER_ATTRIBUTE
          + a.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return new WireMessage(message, body, Map.copyOf(attributes), size);
  }

  /** The body bytes of a received message, given its body and attributes. */
  static byte[] bodyBytes(String body, String encoding) {
    return BASE64.equals(encoding) ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes as a string if they are UTF-8 made only of characters SQS accepts; otherwise {@code null}. */
  private static String text(byte[] bytes) {
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    if (s.isEmpty()) {
      return null; // SQS refuses an empty body
    }
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      if (!allowed) {
        return null;
      }
      i += Character.charCount(c);
    }
    return s;
  }
}

package io.whizbang.rabbitmq;

import com.rabbitmq.client.AMQP;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.TransportLimitException;
import io.whizbang.runtime.transport.TransportLimits;
import java.io.IOException;
import java.util.Map;

/**
 * AMQP 0-9-1 sends a message's properties and headers in one content header frame, which must fit the frame_max
 * the connection negotiated (the broker's {@code frame_max}, 131072 bytes by default): unlike the body, it cannot
 * be split. A header name is a short string, at most 255 bytes.
 *
 * <p>The Java client checks the frame itself, but only after it numbered the message for publisher confirms; the
 * broker never sees the message, so every later ack on the channel would settle the wrong message. Hence the
 * transport declares the limit ({@link #limits()}), so that the outbox refuses such a message before storing it,
 * and checks the encoded frame before sending ({@link #refusal}), a refusal for good that the relay parks.
 */
final class HeaderFrame {

  /** Room for what the transport sets besides the headers: message id, type, correlation id, timestamp, ... */
  static final int PROPERTIES_RESERVE = 1024;
  /** An AMQP short string. */
  static final int MAX_NAME_BYTES = 255;
  /** A table entry: the name's length (1 byte), the value's type (1) and the value's length (4). */
  static final int BYTES_PER_HEADER = 6;

  private final int frameMax;
  private final TransportLimits limits;

  /** {@code frameMax}: the connection's negotiated maximum, 0 for none. */
  HeaderFrame(int frameMax) {
    this.frameMax = frameMax;
    TransportLimits names = TransportLimits.of(frameMax > PROPERTIES_RESERVE
        ? "RabbitMQ frame_max " + frameMax + " less " + PROPERTIES_RESERVE + " bytes for the AMQP properties it sets"
        : "RabbitMQ AMQP 0-9-1").withMaxHeaderNameBytes(MAX_NAME_BYTES).withBytesPerHeader(BYTES_PER_HEADER);
    this.limits = frameMax > PROPERTIES_RESERVE ? names.withMaxHeaderBytes(frameMax - PROPERTIES_RESERVE) : names;
  }

  int frameMax() {
    return frameMax;
  }

  TransportLimits limits() {
    return limits;
  }

  /** Why {@code message} cannot be sent with {@code properties}, or {@code null} when its header frame fits. */
  TransportLimitException refusal(OutgoingMessage message, AMQP.BasicProperties properties) {
    int size;
    try {
      // The frame the client would send, encoded as it encodes it (the size includes the frame's own 8 bytes).
      size = properties.toFrame(0, message.body().length).size();
    } catch (IOException | IllegalArgumentException e) {
      return new TransportLimitException("RabbitMQ: message " + message.wireName() + " " + message.messageId()
          + " cannot be sent: its properties cannot be encoded as AMQP (" + e.getMessage() + "); "
          + largestHeader(message) + ". It was not sent");
    }
    if (frameMax > 0 && size > frameMax) {
      return new TransportLimitException("RabbitMQ: message " + message.wireName() + " " + message.messageId()
          + " has a content header frame of " + size + " bytes, over the frame_max of " + frameMax + " bytes the"
          + " connection negotiated; " + largestHeader(message) + ". It was not sent: keep large data out of"
          + " headers and partition keys");
    }
    return null;
  }

  private static String largestHeader(OutgoingMessage message) {
    String name = null;
    int bytes = -1;
    for (Map.Entry<String, String> h : message.headers().entrySet()) {
      int size = h.getKey().length() + h.getValue().length();
      if (size > bytes) {
        name = h.getKey();
        bytes = size;
      }
    }
    return name == null ? "it has no headers" : "its largest header is '"
        + (name.length() > 64 ? name.substring(0, 64) + "..." : name) + "' (" + bytes + " characters)";
  }
}

package io.whizbang.runtime.transport;

import io.whizbang.runtime.envelope.BrokerHeaders;
import java.util.Map;
import java.util.Objects;

/**
 * The largest message a transport can carry, declared by the transport ({@link Transport#limits()}) so that the
 * runtime refuses a message that could never be sent when it is produced, before it reaches the outbox or the
 * broker, instead of parking it later at the relay.
 *
 * <p>Sizes are counted the same way for every transport, in UTF-8 bytes, from what an {@link OutgoingMessage}
 * holds:
 *
 * <ul>
 *   <li><b>header bytes</b>: for each header, its name, its value and {@link #bytesPerHeader()} (what the broker's
 *       encoding adds per header: length prefixes, type tags); a partition key the headers do not carry counts as
 *       the {@code wb-partition-key} header transports send it in;
 *   <li><b>message bytes</b>: the body, the partition key and the header bytes.
 * </ul>
 *
 * A transport subtracts from its broker's limit what it adds itself (protocol properties, record overhead), so a
 * message within the declared limits fits the broker; its own check at publish remains the last word.
 *
 * <pre>{@code
 * public TransportLimits limits() { // in a Transport
 *   return TransportLimits.of("SQS message size 262144").withMaxMessageBytes(262_144).withBytesPerHeader(6);
 * }
 * }</pre>
 *
 * @param source who sets the limits, named in errors ({@code "RabbitMQ frame_max 131072"})
 * @param maxMessageBytes the most message bytes
 * @param maxHeaderBytes the most header bytes, where the broker limits headers on their own
 * @param maxHeaderNameBytes the longest header name
 * @param bytesPerHeader the encoding cost the broker adds to each header
 */
public record TransportLimits(
    String source, int maxMessageBytes, int maxHeaderBytes, int maxHeaderNameBytes, int bytesPerHeader) {

  /** No declared limit: every message passes (the default of {@link Transport#limits()}). */
  public static final TransportLimits NONE = of("no declared limit");

  public TransportLimits {
    Objects.requireNonNull(source, "source");
    if (maxMessageBytes < 1 || maxHeaderBytes < 1 || maxHeaderNameBytes < 1 || bytesPerHeader < 0) {
      throw new IllegalArgumentException("limits must be positive (bytesPerHeader at least 0), were "
          + maxMessageBytes + ", " + maxHeaderBytes + ", " + maxHeaderNameBytes + ", " + bytesPerHeader);
    }
  }

  /** Limits named {@code source} that allow everything until narrowed with the {@code with...} methods. */
  public static TransportLimits of(String source) {
    return new TransportLimits(source, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0);
  }

  public TransportLimits withMaxMessageBytes(int value) {
    return new TransportLimits(source, value, maxHeaderBytes, maxHeaderNameBytes, bytesPerHeader);
  }

  public TransportLimits withMaxHeaderBytes(int value) {
    return new TransportLimits(source, maxMessageBytes, value, maxHeaderNameBytes, bytesPerHeader);
  }

  public TransportLimits withMaxHeaderNameBytes(int value) {
    return new TransportLimits(source, maxMessageBytes, maxHeaderBytes, value, bytesPerHeader);
  }

  public TransportLimits withBytesPerHeader(int value) {
    return new TransportLimits(source, maxMessageBytes, maxHeaderBytes, maxHeaderNameBytes, value);
  }

  /**
   * Refuses {@code message} when it exceeds these limits, naming the message, its largest header and the limit.
   *
   * @param consequence what did not happen to the message, for the error ({@code "it was not written to the
   *     outbox"})
   * @throws TransportLimitException when the message exceeds a limit
   */
  public void check(OutgoingMessage message, String consequence) {
    if (maxMessageBytes == Integer.MAX_VALUE && maxHeaderBytes == Integer.MAX_VALUE
        && maxHeaderNameBytes == Integer.MAX_VALUE) {
      return;
    }
    long headers = 0;
    String largest = null;
    long largestBytes = -1;
    for (Map.Entry<String, String> h : message.headers().entrySet()) {
      long name = utf8Length(h.getKey());
      if (name > maxHeaderNameBytes) {
        throw refused(message, "the name of header '" + clip(h.getKey()) + "' is " + name + " bytes, over the "
            + maxHeaderNameBytes + " bytes a header name may have", consequence);
      }
      long bytes = name + utf8Length(h.getValue()) + bytesPerHeader;
      headers += bytes;
      if (bytes > largestBytes) {
        largest = h.getKey();
        largestBytes = bytes;
      }
    }
    String key = message.partitionKey();
    if (key != null && !message.headers().containsKey(BrokerHeaders.PARTITION_KEY)) {
      long bytes = BrokerHeaders.PARTITION_KEY.length() + utf8Length(key) + bytesPerHeader;
      headers += bytes;
      if (bytes > largestBytes) {
        largest = BrokerHeaders.PARTITION_KEY;
        largestBytes = bytes;
      }
    }
    String culprit = largest == null ? "it has no headers"
        : "its largest header, '" + clip(largest) + "', is " + largestBytes + " bytes";
    if (headers > maxHeaderBytes) {
      throw refused(message, "its headers are " + headers + " bytes, over the " + maxHeaderBytes
          + " bytes of headers it allows; " + culprit, consequence);
    }
    long total = message.body().length + headers + (key == null ? 0 : utf8Length(key));
    if (total > maxMessageBytes) {
      throw refused(message, "it is " + total + " bytes (body " + message.body().length + ", headers " + headers
          + ", partition key included), over the " + maxMessageBytes + " bytes it allows; " + culprit,
          consequence);
    }
  }

  private TransportLimitException refused(OutgoingMessage message, String problem, String consequence) {
    return new TransportLimitException("Message " + message.wireName() + " " + message.messageId()
        + " exceeds the limits of the transport (" + source + "): " + problem + ". " + consequence
        + ": keep large data out of headers, partition keys and messages (store it and send its id)");
  }

  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  /** The UTF-8 length of {@code s} without encoding it; an unpaired surrogate counts 3 bytes, the most it takes. */
  static long utf8Length(String s) {
    long bytes = 0;
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}

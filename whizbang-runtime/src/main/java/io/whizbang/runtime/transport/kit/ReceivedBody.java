package io.whizbang.runtime.transport.kit;

import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a received message carries, in either wire format: the envelope bytes as published, or a CloudEvent in
 * binary mode, read once here into its envelope. A delivery built on it ({@link SettlingDelivery}) hands the
 * envelope to the consumer, and as its body the envelope's bytes, so that a dead letter of a CloudEvent is stored
 * and replayed like any other; a malformed CloudEvent keeps its data as the body and its error for the consumer.
 *
 * <pre>{@code
 * ReceivedBody body = ReceivedBody.read(CloudEventsBinding.KAFKA, headers, null, record.value(), timestamp);
 * }</pre>
 */
public final class ReceivedBody {

  private final byte[] bytes;
  private final Envelope envelope;
  private final MalformedEnvelopeException malformed;

  private ReceivedBody(byte[] bytes, Envelope envelope, MalformedEnvelopeException malformed) {
    this.bytes = bytes;
    this.envelope = envelope;
    this.malformed = malformed;
  }

  /** Envelope bytes, decoded when the consumer asks. */
  public static ReceivedBody envelopeBytes(byte[] bytes) {
    return new ReceivedBody(Objects.requireNonNull(bytes, "bytes"), null, null);
  }

  /**
   * The body of a message with {@code headers}: a CloudEvent when they say so ({@link CloudEventsBinding#isCloudEvent}),
   * else envelope bytes. Never throws on bad input: the consumer meets the error where it decodes.
   */
  public static ReceivedBody read(CloudEventsBinding binding, Map<String, String> headers, String contentType,
      byte[] body, Instant receivedAt) {
    if (!binding.isCloudEvent(headers)) {
      return envelopeBytes(body);
    }
    try {
      Envelope e = binding.envelope(headers, contentType, body, receivedAt);
      return new ReceivedBody(EnvelopeCodec.encode(e), e, null);
    } catch (MalformedEnvelopeException bad) {
      return new ReceivedBody(body, null, bad);
    }
  }

  /** The envelope bytes (a malformed CloudEvent: its data as received). */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * The envelope.
   *
   * @throws MalformedEnvelopeException when the bytes are not an envelope, or the CloudEvent is malformed
   */
  public Envelope envelope() {
    if (malformed != null) {
      throw malformed;
    }
    return envelope != null ? envelope : EnvelopeCodec.decode(bytes);
  }
}

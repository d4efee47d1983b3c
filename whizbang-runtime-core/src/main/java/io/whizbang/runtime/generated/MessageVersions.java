package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.envelope.Envelope;
import java.util.HashMap;
import java.util.Map;

/**
 * The version of a message's shape on the wire: the {@value #HEADER} envelope header, written by producers when the
 * message type declares a version above 1 and absent otherwise (absent means 1). Every path that turns an envelope
 * into a message (a generated dispatcher, live or from the feed, and an aggregate's replay) decodes through
 * {@link #decode}, so an older version is upcast and an unknown one refused in one place.
 *
 * <pre>{@code
 * OrderPlaced placed = MessageVersions.decode(OrderPlaced_JsonCodec.INSTANCE, envelope);
 * }</pre>
 */
public final class MessageVersions {

  /** The envelope header carrying the version of the payload's shape. */
  public static final String HEADER = "whizbang-version";

  private MessageVersions() {}

  /**
   * The envelope's message, read as the version its header names and upcast to {@code codec}'s current one.
   *
   * @throws CodecException when the payload does not decode, or its version is not one the code knows
   */
  public static <T> T decode(JsonCodec<T> codec, Envelope envelope) {
    return Json.decode(codec, of(envelope), envelope.payload());
  }

  /**
   * The version the envelope's payload was written as: 1 without the header.
   *
   * @throws CodecException when the header is not a positive integer (the message can never be read)
   */
  public static int of(Envelope envelope) {
    String value = envelope.headers().get(HEADER);
    if (value == null) {
      return 1;
    }
    try {
      int version = Integer.parseInt(value);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException notANumber) {
      // refused below, like a version below 1
    }
    throw new CodecException("The " + HEADER + " header of " + envelope + " is not a version (a positive integer): \""
        + io.whizbang.runtime.core.internal.Clipped.text(value, 20) + "\"");
  }

  /** The headers of an envelope whose payload {@code codec} wrote: {@code headers} as they are for version 1. */
  public static Map<String, String> headers(Map<String, String> headers, JsonCodec<?> codec) {
    int version = codec.version();
    if (version == 1) {
      return headers;
    }
    Map<String, String> versioned = new HashMap<>(headers);
    versioned.put(HEADER, Integer.toString(version));
    return versioned;
  }

  /** The error for a version the codec does not know: a newer producer's, or one no upcaster was kept for. */
  public static CodecException unknown(String codec, int version, int current) {
    return new CodecException(codec + " cannot read version " + version + " of its message: it knows "
        + (current == 1 ? "version 1 only" : "versions 1 to " + current)
        + (version > current ? "; the message was written by newer code: deploy that code to this consumer first"
            : ""));
  }
}

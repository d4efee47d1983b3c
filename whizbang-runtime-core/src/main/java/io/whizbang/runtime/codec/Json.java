package io.whizbang.runtime.codec;

import io.whizbang.runtime.generated.JsonValues;
import io.whizbang.runtime.core.internal.CodecLimits;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes and decodes whole JSON documents with a generated {@link JsonCodec} on one shared {@link JsonFactory}.
 *
 * <pre>{@code
 * byte[] json = Json.encode(OrderPlaced_JsonCodec.INSTANCE, event);
 * OrderPlaced back = Json.decode(OrderPlaced_JsonCodec.INSTANCE, json);
 * }</pre>
 */
public final class Json {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(CodecLimits.streamReadConstraints())
      .build();
  private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

  private Json() {}

  /** The factory every codec call in the runtime uses, with {@link CodecLimits}; thread-safe and reusable. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  /** Writes {@code value} as one UTF-8 JSON document. */
  public static <T> byte[] encode(JsonCodec<T> codec, T value) {
    if (value == null) {
      throw new CodecException("Cannot encode null: a message or document must be a value");
    }
    Encoder encoder = ENCODERS.get();
    try {
      return encoder.busy() ? new Encoder().encode(codec, value) : encoder.encode(codec, value);
    } catch (JsonProcessingException e) {
      throw new CodecException("Cannot encode " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // Writing into memory does not do I/O; an IOException here is a bug, not an input problem.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads one UTF-8 JSON document that must hold exactly one value.
   *
   * <p>Whatever the bytes, a failure is a {@link CodecException}: callers such as the inbox tell input that can
   * never be decoded (parked as a dead letter) from a failure worth retrying by that type alone.
   *
   * @throws CodecException naming the type, the field and the position of the first problem
   */
  public static <T> T decode(JsonCodec<T> codec, byte[] json) {
    return decode(codec, codec.version(), json);
  }

  /**
   * Reads one document written as {@code version} of the codec's message ({@link JsonCodec#read(JsonParser, int)}):
   * an older version is upcast, an unknown one refused. Fails like {@link #decode(JsonCodec, byte[])}.
   */
  public static <T> T decode(JsonCodec<T> codec, int version, byte[] json) {
    JsonParser in;
    try {
      in = FACTORY.createParser(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (in) {
      if (in.nextToken() == null) {
        throw new CodecException("Cannot decode an empty document: expected a JSON value");
      }
      T value = codec.read(in, version);
      JsonToken trailing = in.nextToken();
      if (trailing != null) {
        throw new CodecException("Unexpected content after the JSON value: " + JsonValues.describe(in) + " at "
            + JsonValues.position(in));
      }
      return value;
    } catch (CodecException e) {
      throw e;
    } catch (JsonProcessingException e) {
      // A limit of CodecLimits carries no location of its own: the parser's is where it was hit.
      throw new CodecException("Malformed JSON: " + e.getOriginalMessage() + " at "
          + JsonValues.position(e.getLocation() != null ? e.getLocation() : in.currentLocation()), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // A codec or a parser bug reached by unusual input: still input that cannot be decoded, never a retry.
      throw new CodecException("Cannot decode " + codec.getClass().getSimpleName() + ": the decoder failed with "
          + e, e);
    }
  }

}

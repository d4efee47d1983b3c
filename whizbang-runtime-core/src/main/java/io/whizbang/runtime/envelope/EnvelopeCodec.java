package io.whizbang.runtime.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.whizbang.runtime.core.internal.Clipped;
import io.whizbang.runtime.core.internal.CodecLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes and decodes the wire form of an {@link Envelope}: one JSON object whose {@code payload} is the message's
 * own JSON, embedded as it is, so that a line of the HTTP feed or a broker message can be read by a person.
 *
 * <pre>{@code
 * byte[] bytes = EnvelopeCodec.encode(envelope);
 * Envelope back = EnvelopeCodec.decode(bytes);
 * }</pre>
 *
 * <p>The form, fields in this order ({@code partitionKey} and {@code causationId} may be {@code null};
 * {@code position} is left out when there is none; {@code headers} is left out when empty):
 *
 * <pre>{@code
 * {"id":"0190...","type":"orders.OrderPlaced","domain":"orders","partitionKey":"o-1",
 *  "correlationId":"0190...","causationId":null,"occurredAt":"2026-11-26T16:00:00.123Z","position":42,
 *  "headers":{"traceparent":"00-..."},"payload":{...}}
 * }</pre>
 *
 * <p>Decoding is strict about what it needs and lenient about what it does not know: unknown fields are skipped
 * (newer writers may add some), while a missing or ill-typed known field, a duplicate field, a payload that is not
 * an object, truncated input or trailing content are a {@link MalformedEnvelopeException} naming the field and
 * byte offset. The payload is sliced out of the input by byte offsets, never re-serialized.
 *
 * <p>The field names are declared here, for this writer and for {@code EnvelopeReader}, which reads them back.
 */
public final class EnvelopeCodec {

  static final String ID = "id";
  static final String TYPE = "type";
  static final String DOMAIN = "domain";
  static final String PARTITION_KEY = "partitionKey";
  static final String CORRELATION_ID = "correlationId";
  static final String CAUSATION_ID = "causationId";
  static final String OCCURRED_AT = "occurredAt";
  static final String POSITION = "position";
  static final String HEADERS = "headers";
  static final String PAYLOAD = "payload";

  /** The longest wire name or domain read: both are short identifiers, never free text. */
  static final int MAX_NAME_LENGTH = 255;

  private static final JsonFactory JSON = JsonFactory.builder()
      // Errors carry our own short preview of the input; Jackson's copy of the source would repeat it.
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .streamReadConstraints(CodecLimits.streamReadConstraints())
      .build();

  private EnvelopeCodec() {}

  /**
   * The envelope as UTF-8 JSON bytes (what the outbox stores and brokers carry).
   *
   * @throws IllegalArgumentException when the payload is not exactly one JSON object
   */
  public static byte[] encode(Envelope envelope) {
    requireOneJsonObject(envelope);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + envelope.payload().length);
    writeTo(envelope, out);
    return out.toByteArray();
  }

  /**
   * Writes the envelope to {@code out} (for example one line of an NDJSON stream; no newline is added).
   *
   * @throws IllegalArgumentException when the payload is not a JSON object
   */
  public static void writeTo(Envelope envelope, OutputStream out) {
    Objects.requireNonNull(envelope, "envelope");
    requireObjectPayload(envelope);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField(ID, envelope.messageId().toString());
      g.writeStringField(TYPE, envelope.wireName());
      g.writeStringField(DOMAIN, envelope.domain());
      g.writeStringField(PARTITION_KEY, envelope.partitionKey());
      g.writeStringField(CORRELATION_ID, envelope.correlationId().toString());
      g.writeStringField(CAUSATION_ID, envelope.causationId() == null ? null : envelope.causationId().toString());
      g.writeStringField(OCCURRED_AT, envelope.occurredAt().toString());
      if (envelope.position() != Envelope.NO_POSITION) {
        g.writeNumberField(POSITION, envelope.position());
      }
      if (!envelope.headers().isEmpty()) {
        g.writeObjectFieldStart(HEADERS);
        for (Map.Entry<String, String> h : envelope.headers().entrySet()) {
          g.writeStringField(h.getKey(), h.getValue());
        }
        g.writeEndObject();
      }
      g.writeFieldName(PAYLOAD);
      g.writeRawValue(new RawJsonValue(envelope.payload()));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write envelope " + envelope, e);
    }
  }

  /** Decodes a whole byte array. */
  public static Envelope decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return decode(bytes, 0, bytes.length);
  }

  /** Decodes {@code length} bytes of {@code bytes} from {@code offset} (for example one line of an NDJSON page). */
  public static Envelope decode(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      throw new MalformedEnvelopeException("Malformed envelope: the input is empty (0 bytes)");
    }
    EnvelopeReader reader = new EnvelopeReader(bytes, offset, length);
    try (JsonParser p = JSON.createParser(bytes, offset, length)) {
      return reader.read(p);
    } catch (JsonEOFException e) {
      throw reader.fail("the input is truncated: it ends inside the envelope (" + e.getOriginalMessage() + ")",
          e.getLocation() == null ? -1 : e.getLocation().getByteOffset(), e);
    } catch (JsonProcessingException e) {
      throw reader.fail("the input is not valid JSON (" + e.getOriginalMessage() + ")",
          e.getLocation() == null ? -1 : e.getLocation().getByteOffset(), e);
    } catch (IOException e) {
      throw reader.fail("the input could not be read (" + e.getMessage() + ")", -1, e);
    }
  }

  /**
   * Checks that the payload is exactly one well-formed JSON object (whitespace around it and inside it allowed),
   * reading it once with the streaming parser. The event store and the outbox refuse anything else, so that no
   * stored payload can break a reader later (a feed line, a consumer's decode).
   *
   * @throws IllegalArgumentException naming the message and saying what is wrong, with a clipped preview
   */
  public static void requireOneJsonObject(Envelope envelope) {
    byte[] p = envelope.payload();
    try (JsonParser parser = JSON.createParser(p)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notOneObject(envelope, "it does not start with '{'");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw notOneObject(envelope, "there is more after the object, at byte "
            + parser.currentTokenLocation().getByteOffset());
      }
    } catch (JsonProcessingException e) {
      throw notOneObject(envelope, e.getOriginalMessage() + " at byte "
          + (e.getLocation() == null ? -1 : e.getLocation().getByteOffset()));
    } catch (IOException e) {
      throw new IllegalStateException("Reading a payload from memory failed", e);
    }
  }

  private static IllegalArgumentException notOneObject(Envelope envelope, String why) {
    return new IllegalArgumentException("The payload of " + envelope + " must be a JSON object, one and nothing else: " + why
        + "; payload: " + preview(envelope.payload()));
  }

  private static void requireObjectPayload(Envelope envelope) {
    byte[] p = envelope.payload();
    int first = 0;
    while (first < p.length && isWhitespace(p[first])) {
      first++;
    }
    int last = p.length - 1;
    while (last >= first && isWhitespace(p[last])) {
      last--;
    }
    if (first > last || p[first] != '{' || p[last] != '}') {
      throw new IllegalArgumentException("The payload of " + envelope + " must be a JSON object, was: "
          + preview(p));
    }
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  static String preview(byte[] bytes) {
    String s = Clipped.printable(
        new String(bytes, 0, Math.min(bytes.length, 80), java.nio.charset.StandardCharsets.UTF_8));
    return bytes.length > 80 ? s + "..." : s;
  }
}

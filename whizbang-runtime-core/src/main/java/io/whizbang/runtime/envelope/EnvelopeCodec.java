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
import io.whizbang.runtime.core.internal.StrictUuid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

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
 * <p>Over 400 lines on purpose: the wire form is written and read in one place, so that a field added to one side
 * cannot be forgotten on the other; the reader's checks share the state the error messages name.
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

  /** Reads one envelope; keeps what it learnt so far so an error can name the message. */
  private static final class EnvelopeReader {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private UUID id;
    private String type;
    private String domain;
    private String partitionKey;
    private UUID correlationId;
    private UUID causationId;
    private Instant occurredAt;
    private long position = Envelope.NO_POSITION;
    private Map<String, String> headers = Map.of();
    private byte[] payload;
    private long seen; // bit set of fields read, to reject duplicates

    EnvelopeReader(byte[] bytes, int offset, int length) {
      this.bytes = bytes;
      this.offset = offset;
      this.length = length;
    }

    Envelope read(JsonParser p) throws IOException {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw fail("an envelope must be a JSON object, found " + describe(first), start(p), null);
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          throw fail("expected a field name, found " + describe(t), start(p), null);
        }
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == null) {
          throw fail("the input ends inside field '" + Clipped.text(field, 40) + "' (truncated)", end(p), null);
        }
        readField(field, value, p);
      }
      if (p.nextToken() != null) {
        throw fail("unexpected content after the envelope's closing brace", start(p), null);
      }
      require(id != null, ID);
      require(type != null, TYPE);
      require(domain != null, DOMAIN);
      require(correlationId != null, CORRELATION_ID);
      require(occurredAt != null, OCCURRED_AT);
      require(payload != null, PAYLOAD);
      return new Envelope(id, type, domain, partitionKey, correlationId, causationId, occurredAt, position, headers,
          payload);
    }

    private void readField(String field, JsonToken value, JsonParser p) throws IOException {
      int bit = switch (field) {
        case ID -> 0;
        case TYPE -> 1;
        case DOMAIN -> 2;
        case PARTITION_KEY -> 3;
        case CORRELATION_ID -> 4;
        case CAUSATION_ID -> 5;
        case OCCURRED_AT -> 6;
        case POSITION -> 7;
        case HEADERS -> 8;
        case PAYLOAD -> 9;
        default -> -1;
      };
      if (bit < 0) {
        p.skipChildren(); // A field a newer writer added.
        return;
      }
      if ((seen & (1L << bit)) != 0) {
        throw fail("field '" + field + "' appears twice", start(p), null);
      }
      seen |= 1L << bit;
      switch (field) {
        case ID -> id = uuid(field, p, value, false);
        case TYPE -> type = name(field, p, value);
        case DOMAIN -> domain = name(field, p, value);
        case PARTITION_KEY -> partitionKey = text(field, p, value, true);
        case CORRELATION_ID -> correlationId = uuid(field, p, value, false);
        case CAUSATION_ID -> causationId = uuid(field, p, value, true);
        case OCCURRED_AT -> occurredAt = instant(field, p, value);
        case POSITION -> position = position(field, p, value);
        case HEADERS -> headers = headers(field, p, value);
        default -> payload = payload(field, p, value);
      }
    }

    private String text(String field, JsonParser p, JsonToken value, boolean nullable) throws IOException {
      if (value == JsonToken.VALUE_NULL && nullable) {
        return null;
      }
      if (value != JsonToken.VALUE_STRING) {
        throw fail("field '" + field + "' must be a " + (nullable ? "string or null" : "string") + ", found "
            + describe(value), start(p), null);
      }
      String s = p.getText();
      if (!nullable && s.isEmpty()) {
        throw fail("field '" + field + "' must not be empty", start(p), null);
      }
      return s;
    }

    private String name(String field, JsonParser p, JsonToken value) throws IOException {
      String s = text(field, p, value, false);
      if (s.length() > MAX_NAME_LENGTH) {
        throw fail("field '" + field + "' is " + s.length() + " characters long, more than " + MAX_NAME_LENGTH
            + ": \"" + Clipped.text(s, 40) + "\"", start(p), null);
      }
      return s;
    }

    private UUID uuid(String field, JsonParser p, JsonToken value, boolean nullable) throws IOException {
      String s = text(field, p, value, nullable);
      if (s == null) {
        return null;
      }
      // The wire form is always the canonical 36 characters of ASCII hex (see StrictUuid for what else is around).
      UUID uuid = StrictUuid.parseOrNull(s);
      if (uuid == null) {
        throw fail("field '" + field + "' is not a UUID (8-4-4-4-12 ASCII hex digits): \"" + Clipped.text(s, 40)
            + "\"", start(p), null);
      }
      return uuid;
    }

    private Instant instant(String field, JsonParser p, JsonToken value) throws IOException {
      String s = text(field, p, value, false);
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        throw fail("field '" + field + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z: \""
            + Clipped.text(s, 40) + "\"", start(p), e);
      }
    }

    private long position(String field, JsonParser p, JsonToken value) throws IOException {
      if (value != JsonToken.VALUE_NUMBER_INT) {
        throw fail("field '" + field + "' must be an integer, found " + describe(value), start(p), null);
      }
      if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
        throw fail("field '" + field + "' is out of range: " + Clipped.text(p.getText(), 40), start(p), null);
      }
      long v = p.getLongValue();
      if (v < Envelope.NO_POSITION) {
        throw fail("field '" + field + "' must not be negative: " + v, start(p), null);
      }
      return v;
    }

    private Map<String, String> headers(String field, JsonParser p, JsonToken value) throws IOException {
      if (value != JsonToken.START_OBJECT) {
        throw fail("field '" + field + "' must be an object of strings, found " + describe(value), start(p), null);
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t == null) {
          throw fail("the input ends inside field '" + field + "' (truncated)", end(p), null);
        }
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v != JsonToken.VALUE_STRING) {
          throw fail("header '" + Clipped.text(name, 40) + "' must be a string, found " + describe(v), start(p),
              null);
        }
        if (out.put(name, p.getText()) != null) {
          throw fail("header '" + Clipped.text(name, 40) + "' appears twice", start(p), null);
        }
      }
      return out;
    }

    private byte[] payload(String field, JsonParser p, JsonToken value) throws IOException {
      if (value != JsonToken.START_OBJECT) {
        throw fail("field '" + field + "' must be a JSON object, found " + describe(value), start(p), null);
      }
      long from = p.currentTokenLocation().getByteOffset();
      p.skipChildren();
      long to = p.currentLocation().getByteOffset();
      if (from < 0 || to <= from) {
        throw fail("field '" + field + "' could not be located in the input", start(p), null);
      }
      // Offsets count from the start of the parsed range; slice the bytes as they are.
      return Arrays.copyOfRange(bytes, offset + (int) from, offset + (int) to);
    }

    private void require(boolean present, String field) {
      if (!present) {
        throw fail("required field '" + field + "' is missing", length, null);
      }
    }

    MalformedEnvelopeException fail(String problem, long at, Throwable cause) {
      StringBuilder m = new StringBuilder("Malformed envelope");
      if (type != null || id != null) {
        m.append(" (");
        if (type != null) {
          m.append(type);
        }
        if (id != null) {
          m.append(type != null ? " " : "").append(id);
        }
        m.append(')');
      }
      m.append(": ").append(problem);
      if (at >= 0) {
        m.append(" at byte ").append(at);
      }
      m.append(" of ").append(length).append(". Input starts: ")
          .append(preview(Arrays.copyOfRange(bytes, offset, offset + Math.min(length, 81))));
      return cause == null ? new MalformedEnvelopeException(m.toString())
          : new MalformedEnvelopeException(m.toString(), cause);
    }

    private static long start(JsonParser p) {
      return p.currentTokenLocation().getByteOffset();
    }

    private static long end(JsonParser p) {
      return p.currentLocation().getByteOffset();
    }

    private static String describe(JsonToken t) {
      if (t == null) {
        return "the end of the input (truncated)";
      }
      return switch (t) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
      };
    }
  }
}

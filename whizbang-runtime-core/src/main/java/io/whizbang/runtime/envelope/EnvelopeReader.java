package io.whizbang.runtime.envelope;

import static io.whizbang.runtime.envelope.EnvelopeCodec.CAUSATION_ID;
import static io.whizbang.runtime.envelope.EnvelopeCodec.CORRELATION_ID;
import static io.whizbang.runtime.envelope.EnvelopeCodec.DOMAIN;
import static io.whizbang.runtime.envelope.EnvelopeCodec.HEADERS;
import static io.whizbang.runtime.envelope.EnvelopeCodec.ID;
import static io.whizbang.runtime.envelope.EnvelopeCodec.MAX_NAME_LENGTH;
import static io.whizbang.runtime.envelope.EnvelopeCodec.OCCURRED_AT;
import static io.whizbang.runtime.envelope.EnvelopeCodec.PARTITION_KEY;
import static io.whizbang.runtime.envelope.EnvelopeCodec.PAYLOAD;
import static io.whizbang.runtime.envelope.EnvelopeCodec.POSITION;
import static io.whizbang.runtime.envelope.EnvelopeCodec.TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.whizbang.runtime.core.internal.Clipped;
import io.whizbang.runtime.core.internal.StrictUuid;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads one envelope for {@link EnvelopeCodec#decode}: strict about the fields it knows, skipping the others; keeps
 * what it learnt so far so that an error can name the message, the field and the byte offset.
 */
final class EnvelopeReader {
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
        .append(EnvelopeCodec.preview(Arrays.copyOfRange(bytes, offset, offset + Math.min(length, 81))));
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

package io.whizbang.runtime.internal.feedclient;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.envelope.MalformedEnvelopeException;
import io.whizbang.runtime.store.EventCursor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One parsed NDJSON line of the feed: an event ({@code envelope} set) or the end line ({@code end} set). The
 * envelope is decoded straight from the line's bytes by {@link EnvelopeCodec}, without copying the line first.
 */
record FeedLine(EventCursor cursor, Envelope envelope, String end, long fence, String message, boolean progress) {
  /** A line comes from another service: read within the same limits as every other decoder. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(io.whizbang.runtime.core.internal.CodecLimits.streamReadConstraints())
      .build();

  boolean isEvent() {
    return envelope != null;
  }

  /** A progress line: no event, only the cursor the reader may resume after. */
  boolean isProgress() {
    return progress;
  }

  static FeedLine parse(byte[] bytes, int offset, int length) {
    String cursorToken = null;
    Envelope envelope = null;
    String end = null;
    long fence = 0;
    String message = null;
    boolean progress = false;
    try (JsonParser p = JSON.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad("a line must be a JSON object", bytes, offset, length, null);
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "cursor" -> cursorToken = p.getValueAsString();
          case "end" -> end = p.getValueAsString();
          case "fence" -> fence = Long.parseLong(p.getValueAsString());
          case "message" -> message = p.getValueAsString();
          case "progress" -> progress = value == JsonToken.VALUE_TRUE;
          case "event" -> {
            if (value != JsonToken.START_OBJECT) {
              throw bad("'event' must be an object", bytes, offset, length, null);
            }
            int from = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int to = (int) p.currentLocation().getByteOffset();
            envelope = EnvelopeCodec.decode(bytes, offset + from, to - from);
          }
          default -> p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      // The original message: Jackson's full one adds a multi-line location that names no source.
      throw bad("not valid JSON (" + e.getOriginalMessage() + " at byte "
          + (e.getLocation() == null ? -1 : e.getLocation().getByteOffset()) + ")", bytes, offset, length, e);
    } catch (IOException | NumberFormatException e) {
      throw bad("not valid JSON (" + e.getMessage() + ")", bytes, offset, length, e);
    }
    if (cursorToken == null || (progress ? envelope != null || end != null : (envelope == null) == (end == null))) {
      throw bad("a line holds a cursor and either an event, an end marker or progress", bytes, offset, length, null);
    }
    EventCursor cursor;
    try {
      cursor = EventCursor.parse(cursorToken);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage(), bytes, offset, length, e);
    }
    return new FeedLine(cursor, envelope, end, fence, message, progress);
  }

  private static MalformedEnvelopeException bad(String why, byte[] b, int offset, int length, Throwable cause) {
    String preview = io.whizbang.runtime.core.internal.Clipped.printable(
        new String(b, offset, Math.min(length, 120), StandardCharsets.UTF_8));
    String m = "Malformed feed line: " + why + ". Line starts: " + preview;
    return cause == null ? new MalformedEnvelopeException(m) : new MalformedEnvelopeException(m, cause);
  }
}

package io.whizbang.runtime.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.store.StoredEvent;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the NDJSON lines of the feed. An event line is the broker envelope wrapped with its cursor:
 * {@code {"cursor":"812.4051","event":{...envelope...}}}. The last line of a reply says why it ended:
 * {@code {"cursor":"...","end":"head","fence":"..."}}, {@code {"cursor":"...","end":"limit"}} or, when the server
 * failed mid-stream, {@code {"cursor":"...","end":"error","message":"..."}}.
 */
final class FeedLines {
  static final String CURSOR = "cursor";
  static final String EVENT = "event";
  static final String END = "end";
  static final String FENCE = "fence";
  static final String MESSAGE = "message";
  static final String END_HEAD = "head";
  static final String END_LIMIT = "limit";
  static final String END_ERROR = "error";
  static final String PROGRESS = "progress";

  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] EVENT_START = "{\"cursor\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_MIDDLE = "\",\"event\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_END = "}\n".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final OutputStream unclosable;

  FeedLines(OutputStream out) {
    this.out = out;
    // EnvelopeCodec closes the generator it writes with, and so its target: keep the response open. A stored
    // payload may be pretty-printed JSON; its line breaks can only be whitespace between tokens (inside a JSON
    // string they are escaped), so each becomes a space and every event stays exactly one line.
    this.unclosable = new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(onOneLine(b, off, len), off, len);
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b == '\n' || b == '\r' ? ' ' : b);
      }

      @Override
      public void close() {}
    };
  }

  /** {@code b} itself when its range holds no line break; otherwise a copy with spaces for them. */
  private static byte[] onOneLine(byte[] b, int off, int len) {
    byte[] copy = null;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        if (copy == null) {
          copy = b.clone();
        }
        copy[i] = ' ';
      }
    }
    return copy == null ? b : copy;
  }

  void event(StoredEvent event) throws IOException {
    out.write(EVENT_START);
    // A cursor is two numbers and a dot: nothing to escape.
    out.write(event.cursor().token().getBytes(StandardCharsets.US_ASCII));
    out.write(EVENT_MIDDLE);
    EnvelopeCodec.writeTo(event.envelope(), unclosable);
    out.write(EVENT_END);
  }

  void head(EventCursor cursor, long fence) throws IOException {
    end(cursor, END_HEAD, FENCE, Long.toString(fence));
  }

  void limit(EventCursor cursor) throws IOException {
    end(cursor, END_LIMIT, null, null);
  }

  /** No event, only the cursor the reader may resume after: keeps a sparse read's connection alive. */
  void progress(EventCursor cursor) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(unclosable)) {
      g.writeStartObject();
      g.writeStringField(CURSOR, cursor.token());
      g.writeBooleanField(PROGRESS, true);
      g.writeEndObject();
    }
    out.write('\n');
  }

  void error(EventCursor cursor, String message) throws IOException {
    end(cursor, END_ERROR, MESSAGE, message);
  }

  private void end(EventCursor cursor, String reason, String field, String value) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(unclosable)) {
      g.writeStartObject();
      g.writeStringField(CURSOR, cursor.token());
      g.writeStringField(END, reason);
      if (field != null) {
        g.writeStringField(field, value);
      }
      g.writeEndObject();
    }
    out.write('\n');
  }

  void flush() throws IOException {
    out.flush();
  }
}

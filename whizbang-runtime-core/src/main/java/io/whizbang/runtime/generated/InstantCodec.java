package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Instants as ISO-8601 strings ({@code DateTimeFormatter.ISO_INSTANT}), on the allocation-free fast path. */
final class InstantCodec implements JsonCodec<Instant> {

  @Override
  public void write(JsonGenerator out, Instant value) throws IOException {
    char[] text = new char[IsoInstant.MAX_LENGTH];
    int length = IsoInstant.format(value, text);
    if (length < 0) {
      out.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
    } else {
      out.writeString(text, 0, length);
    }
  }

  @Override
  public Instant read(JsonParser in) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_STRING) {
      Instant fast = IsoInstant.parse(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
      if (fast != null) {
        return fast;
      }
      try {
        return Instant.parse(in.getText());
      } catch (DateTimeException e) {
        throw error(in, e);
      }
    }
    throw error(in, null);
  }

  private static CodecException error(JsonParser in, Exception cause) {
    return new CodecException("expected an ISO-8601 instant string, found " + JsonValues.describe(in) + " at "
        + JsonValues.position(in), cause);
  }
}

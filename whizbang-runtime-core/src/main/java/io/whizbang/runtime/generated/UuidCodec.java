package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.core.internal.StrictUuid;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.UUID;

/**
 * UUIDs as their canonical 36-character string, written and parsed straight from the generator's and parser's
 * character buffers (no intermediate String), and parsed strictly ({@link StrictUuid}).
 */
final class UuidCodec implements JsonCodec<UUID> {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  @Override
  public void write(JsonGenerator out, UUID value) throws IOException {
    char[] text = new char[36];
    hex(value.getMostSignificantBits() >>> 32, text, 0, 8);
    text[8] = '-';
    hex(value.getMostSignificantBits() >>> 16, text, 9, 4);
    text[13] = '-';
    hex(value.getMostSignificantBits(), text, 14, 4);
    text[18] = '-';
    hex(value.getLeastSignificantBits() >>> 48, text, 19, 4);
    text[23] = '-';
    hex(value.getLeastSignificantBits(), text, 24, 12);
    out.writeString(text, 0, 36);
  }

  @Override
  public UUID read(JsonParser in) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_STRING && in.getTextLength() == 36) {
      UUID uuid = StrictUuid.parseOrNull(in.getTextCharacters(), in.getTextOffset(), 36);
      if (uuid != null) {
        return uuid;
      }
    }
    throw new CodecException("expected a UUID string (8-4-4-4-12 hex digits), found " + JsonValues.describe(in)
        + " at " + JsonValues.position(in));
  }

  private static void hex(long value, char[] out, int offset, int digits) {
    for (int i = offset + digits - 1; i >= offset; i--) {
      out[i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}

package io.whizbang.runtime.envelope;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Already-encoded UTF-8 JSON handed to {@code JsonGenerator.writeRawValue}, so the payload bytes are copied into
 * the envelope as they are: no decoding to characters and back. Only the unquoted forms are meaningful.
 */
final class RawJsonValue implements SerializableString {

  private final byte[] utf8;

  RawJsonValue(byte[] utf8) {
    this.utf8 = utf8;
  }

  @Override
  public String getValue() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public int charLength() {
    return getValue().length();
  }

  @Override
  public char[] asQuotedChars() {
    throw quotedNotSupported();
  }

  @Override
  public byte[] asUnquotedUTF8() {
    return utf8;
  }

  @Override
  public byte[] asQuotedUTF8() {
    throw quotedNotSupported();
  }

  @Override
  public int appendQuotedUTF8(byte[] buffer, int offset) {
    throw quotedNotSupported();
  }

  @Override
  public int appendQuoted(char[] buffer, int offset) {
    throw quotedNotSupported();
  }

  @Override
  public int appendUnquotedUTF8(byte[] buffer, int offset) {
    if (offset + utf8.length > buffer.length) {
      return -1;
    }
    System.arraycopy(utf8, 0, buffer, offset, utf8.length);
    return utf8.length;
  }

  @Override
  public int appendUnquoted(char[] buffer, int offset) {
    String s = getValue();
    if (offset + s.length() > buffer.length) {
      return -1;
    }
    s.getChars(0, s.length(), buffer, offset);
    return s.length();
  }

  @Override
  public int writeQuotedUTF8(OutputStream out) {
    throw quotedNotSupported();
  }

  @Override
  public int writeUnquotedUTF8(OutputStream out) throws IOException {
    out.write(utf8);
    return utf8.length;
  }

  @Override
  public int putQuotedUTF8(ByteBuffer buffer) {
    throw quotedNotSupported();
  }

  @Override
  public int putUnquotedUTF8(ByteBuffer out) {
    if (utf8.length > out.remaining()) {
      return -1;
    }
    out.put(utf8);
    return utf8.length;
  }

  private static UnsupportedOperationException quotedNotSupported() {
    return new UnsupportedOperationException("raw JSON is written unquoted only");
  }
}

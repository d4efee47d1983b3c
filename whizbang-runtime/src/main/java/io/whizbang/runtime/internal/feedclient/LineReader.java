package io.whizbang.runtime.internal.feedclient;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding it to text. A last line without its newline is not returned:
 * it was cut off by a dropped connection, and the reader resumes before it.
 */
final class LineReader {
  static final int MAX_LINE = 16 * 1024 * 1024;

  private final InputStream in;
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private int lineStart;
  private int lineLength;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Advances to the next complete line; false at the end of the stream. */
  boolean next() throws IOException {
    int scanFrom = start;
    while (true) {
      for (int i = scanFrom; i < end; i++) {
        if (buffer[i] == '\n') {
          lineStart = start;
          lineLength = i - start;
          start = i + 1;
          return true;
        }
      }
      scanFrom = end;
      if (start > 0 && end == buffer.length) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        scanFrom -= start;
        end -= start;
        start = 0;
      }
      if (end == buffer.length) {
        if (buffer.length >= MAX_LINE) {
          throw new IOException("A feed line is longer than " + MAX_LINE + " bytes");
        }
        buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
      }
      int n = in.read(buffer, end, buffer.length - end);
      if (n < 0) {
        return false;
      }
      end += n;
    }
  }

  byte[] buffer() {
    return buffer;
  }

  int lineStart() {
    return lineStart;
  }

  int lineLength() {
    return lineLength;
  }
}

package io.whizbang.runtime.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * One thread's reusable generator and output buffer. A Jackson generator writes any number of root values in a
 * row, so keeping one per thread saves creating a generator, its context and its buffers for every message
 * (about 400 bytes per encode, measured with {@code -prof gc}). A generator that saw a failure is discarded, since
 * its state is unknown.
 */
final class Encoder {

  private final Sink sink = new Sink();
  private JsonGenerator generator;
  private boolean busy;

  /** Whether a codec is already encoding on this thread (a codec that encodes a nested document, say). */
  boolean busy() {
    return busy;
  }

  <T> byte[] encode(JsonCodec<T> codec, T value) throws IOException {
    busy = true;
    boolean ok = false;
    try {
      if (generator == null) {
        generator = Json.factory().createGenerator(sink);
        // Documents are separate byte arrays: no separator between consecutive root values.
        generator.setRootValueSeparator(null);
      }
      codec.write(generator, value);
      generator.flush();
      byte[] bytes = sink.toByteArray();
      ok = true;
      return bytes;
    } finally {
      sink.reset();
      busy = false;
      if (!ok) {
        generator = null;
      }
    }
  }

  /** A growable in-memory output; keeps its buffer between documents. */
  private static final class Sink extends OutputStream {
    private byte[] buffer = new byte[512];
    private int size;

    @Override
    public void write(int b) {
      ensure(1);
      buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      ensure(length);
      System.arraycopy(bytes, offset, buffer, size, length);
      size += length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, size);
    }

    void reset() {
      size = 0;
      // A huge document should not pin a huge buffer to the thread for ever.
      if (buffer.length > 1 << 20) {
        buffer = new byte[512];
      }
    }

    private void ensure(int extra) {
      if (size + extra > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
      }
    }
  }
}

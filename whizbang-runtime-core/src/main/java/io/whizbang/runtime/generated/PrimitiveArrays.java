package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/** Arrays of primitives as JSON arrays of numbers or booleans (byte[] and char[] are strings, see {@link Codecs}). */
final class PrimitiveArrays {

  private PrimitiveArrays() {}

  private abstract static class ArrayCodec<A> extends Codecs.Scalar<A> {
    ArrayCodec() {
      super("an array");
    }

    final void start(JsonParser in) throws IOException {
      if (in.currentToken() != JsonToken.START_ARRAY) {
        fail(in);
      }
    }

    /** Moves to the next element; false at the end of the array. */
    final boolean next(JsonParser in) throws IOException {
      JsonToken token = in.nextToken();
      if (token == null) {
        throw new CodecException("unexpected end of the input inside an array at " + JsonValues.position(in));
      }
      return token != JsonToken.END_ARRAY;
    }
  }

  static final JsonCodec<int[]> INT = new ArrayCodec<>() {
    @Override
    public void write(JsonGenerator out, int[] value) throws IOException {
      out.writeArray(value, 0, value.length);
    }

    @Override
    public int[] read(JsonParser in) throws IOException {
      start(in);
      int[] values = new int[8];
      int size = 0;
      try {
        while (next(in)) {
          if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
          }
          values[size] = JsonValues.readInt(in, null, null);
          size++;
        }
      } catch (CodecException e) {
        throw JsonValues.inElement(size, e);
      }
      return Arrays.copyOf(values, size);
    }
  };

  static final JsonCodec<long[]> LONG = new ArrayCodec<>() {
    @Override
    public void write(JsonGenerator out, long[] value) throws IOException {
      out.writeArray(value, 0, value.length);
    }

    @Override
    public long[] read(JsonParser in) throws IOException {
      start(in);
      long[] values = new long[8];
      int size = 0;
      try {
        while (next(in)) {
          if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
          }
          values[size] = JsonValues.readLong(in, null, null);
          size++;
        }
      } catch (CodecException e) {
        throw JsonValues.inElement(size, e);
      }
      return Arrays.copyOf(values, size);
    }
  };

  static final JsonCodec<short[]> SHORT = new ArrayCodec<>() {
    @Override
    public void write(JsonGenerator out, short[] value) throws IOException {
      out.writeStartArray();
      for (short v : value) {
        out.writeNumber(v);
      }
      out.writeEndArray();
    }

    @Override
    public short[] read(JsonParser in) throws IOException {
      start(in);
      short[] values = new short[8];
      int size = 0;
      try {
        while (next(in)) {
          if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
          }
          values[size] = JsonValues.readShort(in, null, null);
          size++;
        }
      } catch (CodecException e) {
        throw JsonValues.inElement(size, e);
      }
      return Arrays.copyOf(values, size);
    }
  };

  static final JsonCodec<double[]> DOUBLE = new ArrayCodec<>() {
    @Override
    public void write(JsonGenerator out, double[] value) throws IOException {
      out.writeArray(value, 0, value.length);
    }

    @Override
    public double[] read(JsonParser in) throws IOException {
      start(in);
      double[] values = new double[8];
      int size = 0;
      try {
        while (next(in)) {
          if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
          }
          values[size] = JsonValues.readDouble(in, null, null);
          size++;
        }
      } catch (CodecException e) {
        throw JsonValues.inElement(size, e);
      }
      return Arrays.copyOf(values, size);
    }
  };

  static final JsonCodec<float[]> FLOAT = new ArrayCodec<>() {
    @Override
    public void write(JsonGenerator out, float[] value) throws IOException {
      out.writeStartArray();
      for (float v : value) {
        out.writeNumber(v);
      }
      out.writeEndArray();
    }

    @Override
    public float[] read(JsonParser in) throws IOException {
      start(in);
      float[] values = new float[8];
      int size = 0;
      try {
        while (next(in)) {
          if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
          }
          values[size] = JsonValues.readFloat(in, null, null);
          size++;
        }
      } catch (CodecException e) {
        throw JsonValues.inElement(size, e);
      }
      return Arrays.copyOf(values, size);
    }
  };

  static final JsonCodec<boolean[]> BOOLEAN = new ArrayCodec<>() {
    @Override
    public void write(JsonGenerator out, boolean[] value) throws IOException {
      out.writeStartArray();
      for (boolean v : value) {
        out.writeBoolean(v);
      }
      out.writeEndArray();
    }

    @Override
    public boolean[] read(JsonParser in) throws IOException {
      start(in);
      boolean[] values = new boolean[8];
      int size = 0;
      try {
        while (next(in)) {
          if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
          }
          values[size] = JsonValues.readBoolean(in, null, null);
          size++;
        }
      } catch (CodecException e) {
        throw JsonValues.inElement(size, e);
      }
      return Arrays.copyOf(values, size);
    }
  };
}

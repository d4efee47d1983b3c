package io.whizbang.runtime.generated;

import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.core.internal.CodecLimits;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * BigDecimal and BigInteger within {@link CodecLimits}. A BigDecimal is cheap to hold whatever its exponent, but
 * {@code 1e1000000000} turns the first {@code setScale}, {@code toPlainString} or addition into a billion-digit
 * computation, and {@code 1e2147483648} cannot be represented at all ({@link BigDecimal} throws
 * {@link NumberFormatException}); both are refused here with a {@link CodecException}.
 */
final class BoundedNumbers {

  private BoundedNumbers() {}

  static final JsonCodec<BigDecimal> BIG_DECIMAL = new Codecs.Scalar<>("a number") {
    @Override
    public void write(JsonGenerator out, BigDecimal value) throws IOException {
      out.writeNumber(value);
    }

    @Override
    public BigDecimal read(JsonParser in) throws IOException {
      JsonToken token = in.currentToken();
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        return fail(in);
      }
      BigDecimal value;
      try {
        value = in.getDecimalValue();
      } catch (NumberFormatException | ArithmeticException e) {
        throw outOfRange(in, e);
      }
      if (value.scale() > CodecLimits.MAX_DECIMAL_SCALE || value.scale() < -CodecLimits.MAX_DECIMAL_SCALE
          || value.precision() > CodecLimits.MAX_NUMBER_DIGITS) {
        throw outOfRange(in, null);
      }
      return value;
    }
  };

  static final JsonCodec<BigInteger> BIG_INTEGER = new Codecs.Scalar<>("an integer") {
    @Override
    public void write(JsonGenerator out, BigInteger value) throws IOException {
      out.writeNumber(value);
    }

    @Override
    public BigInteger read(JsonParser in) throws IOException {
      if (in.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        return fail(in);
      }
      String text = in.getText();
      int digits = text.startsWith("-") ? text.length() - 1 : text.length();
      if (digits > CodecLimits.MAX_NUMBER_DIGITS) {
        throw new CodecException("expected an integer of at most " + CodecLimits.MAX_NUMBER_DIGITS + " digits, found "
            + digits + " digits at " + JsonValues.position(in));
      }
      return in.getBigIntegerValue();
    }
  };

  private static CodecException outOfRange(JsonParser in, Exception cause) {
    return new CodecException("expected a number of at most " + CodecLimits.MAX_NUMBER_DIGITS
        + " digits with a scale between -" + CodecLimits.MAX_DECIMAL_SCALE + " and " + CodecLimits.MAX_DECIMAL_SCALE
        + " (see CodecLimits), found " + JsonValues.describe(in) + " at " + JsonValues.position(in), cause);
  }
}

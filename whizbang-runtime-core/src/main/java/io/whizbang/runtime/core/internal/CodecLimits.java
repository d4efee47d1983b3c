package io.whizbang.runtime.core.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The bounds every decoder in the runtime applies to input it did not write itself. Each is far beyond what a
 * legitimate message needs and small enough that a hostile one cannot make a decoder, or arithmetic done later on a
 * decoded value, hang or run out of memory.
 *
 * <p>Read once, from system properties, so that a service that really needs more can say so at start
 * ({@code -Dwhizbang.codec.maxNestingDepth=500}):
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>Property</th><th>Default</th><th>What it bounds</th></tr>
 *   <tr><td>{@code whizbang.codec.maxNestingDepth}</td><td>256</td><td>objects and arrays inside each other</td></tr>
 *   <tr><td>{@code whizbang.codec.maxNumberDigits}</td><td>1000</td><td>digits of one number (BigDecimal precision,
 *       BigInteger digits, the number's text)</td></tr>
 *   <tr><td>{@code whizbang.codec.maxDecimalScale}</td><td>1000</td><td>the size of a BigDecimal's scale, either
 *       sign: {@code 1e1000000000} has a scale of -1000000000</td></tr>
 * </table>
 */
public final class CodecLimits {

  /** Objects and arrays nested inside each other; deeper input is refused before any codec recurses into it. */
  public static final int MAX_NESTING_DEPTH = property("whizbang.codec.maxNestingDepth", 256);
  /** Digits of one number. */
  public static final int MAX_NUMBER_DIGITS = property("whizbang.codec.maxNumberDigits", 1000);
  /** The largest scale, either sign, of a decoded BigDecimal. */
  public static final int MAX_DECIMAL_SCALE = property("whizbang.codec.maxDecimalScale", 1000);

  private CodecLimits() {}

  /** The parser constraints every runtime {@code JsonFactory} that reads input is built with. */
  public static StreamReadConstraints streamReadConstraints() {
    return StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH)
        // Text of a number: digits plus sign, point and exponent.
        .maxNumberLength(MAX_NUMBER_DIGITS + 16)
        .build();
  }

  private static int property(String name, int defaultValue) {
    String value = System.getProperty(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("System property " + name + " must be a positive integer, was \""
        + Clipped.text(value, 40) + "\"");
  }
}

package io.whizbang.runtime.generated;

/**
 * Integer map keys in their one canonical spelling. {@code Integer.valueOf} reads {@code "1"}, {@code "01"},
 * {@code "+1"} and {@code "١"} (an Arabic-Indic one) as the same key, so one object could hold the same key several
 * times under different names and a reader would silently keep only one of the values.
 */
final class CanonicalIntegers {

  private CanonicalIntegers() {}

  /**
   * The value of {@code name}, which must be written as {@code Long.toString} writes it and lie in [min, max].
   *
   * @throws IllegalArgumentException saying which rule the name breaks
   */
  static long parse(String name, long min, long max) {
    int length = name.length();
    int start = length > 0 && name.charAt(0) == '-' ? 1 : 0;
    if (start == length || length > 20) {
      throw notCanonical(name);
    }
    for (int i = start; i < length; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || (c == '0' && i == start && length > start + 1)) {
        throw notCanonical(name);
      }
    }
    if (start == 1 && length == 2 && name.charAt(1) == '0') {
      throw notCanonical(name);
    }
    long value;
    try {
      value = Long.parseLong(name);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("out of range: an integer between " + min + " and " + max);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("out of range: an integer between " + min + " and " + max);
    }
    return value;
  }

  private static IllegalArgumentException notCanonical(String name) {
    return new IllegalArgumentException("not an integer written canonically (ASCII digits, an optional '-', no '+',"
        + " no leading zeros, no \"-0\")");
  }
}

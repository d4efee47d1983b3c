package io.whizbang.processor.write;

/**
 * Generated sources are ASCII only: every other character is written as a Unicode escape, which javac reads in any
 * source encoding. Without it, a file written in a non-UTF-8 platform charset turns {@code café} into {@code caf?}:
 * an identifier no longer compiles and a wire name silently changes.
 */
public final class AsciiSource {

  private AsciiSource() {}

  /**
   * {@code "Café"} → {@code "Caf\u00e9"}. Safe everywhere in a Java source: the generator never writes a lone
   * backslash before a non-ASCII character (string literals escape their backslashes), so no escape is created or
   * broken by accident. Characters beyond the BMP become two escapes, one per UTF-16 unit, as javac expects.
   */
  public static String escape(String source) {
    StringBuilder out = null;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c < 0x80) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(source.length() + 16).append(source, 0, i);
      }
      out.append(String.format("\\u%04x", (int) c));
    }
    return out == null ? source : out.toString();
  }
}

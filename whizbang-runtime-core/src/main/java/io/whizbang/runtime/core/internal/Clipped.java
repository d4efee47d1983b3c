package io.whizbang.runtime.core.internal;

import io.whizbang.runtime.codec.CodecException;
/**
 * Bounds the input an error message quotes: a hostile 5 MB field must not become a 5 MB exception message that is
 * then logged, stored in a dead letter and shown in a console.
 *
 * <pre>{@code "not a UUID: \"" + Clipped.text(value, 40) + "\""}</pre>
 */
public final class Clipped {

  /** The longest message a {@link CodecException} keeps; longer ones lose their middle. */
  public static final int MAX_MESSAGE = 2000;

  private Clipped() {}

  /**
   * {@code text} itself when it has at most {@code max} characters, else its start and how much was left out.
   * Control characters, lone surrogates and bidirectional overrides are written as {@code \\uXXXX}: a quoted value
   * must not start a new log line, reorder the text around it, or be unstorable in a database's text column.
   */
  public static String text(String text, int max) {
    if (text == null) {
      return null;
    }
    if (text.length() <= max) {
      return printable(text);
    }
    return printable(text.substring(0, max)) + "...(" + (text.length() - max) + " more characters)";
  }

  /** {@code text} with every character that {@link #text} escapes written as {@code \\uXXXX}. */
  public static String printable(String text) {
    int i = 0;
    while (i < text.length() && !needsEscape(text, i)) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (needsEscape(text, i)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean needsEscape(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20 || c >= 0x7f && c < 0xa0 || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  /**
   * A message of at most about {@link #MAX_MESSAGE} characters. Both ends are kept: a nested error's message
   * starts with the outer field path and ends with the problem found deepest.
   */
  public static String message(String message) {
    if (message == null || message.length() <= MAX_MESSAGE) {
      return message;
    }
    int tail = MAX_MESSAGE / 4;
    int head = MAX_MESSAGE - tail;
    return message.substring(0, head) + " ...(" + (message.length() - head - tail) + " characters left out)... "
        + message.substring(message.length() - tail);
  }
}

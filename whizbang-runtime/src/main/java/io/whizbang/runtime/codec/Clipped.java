package io.whizbang.runtime.codec;

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

  /** {@code text} itself when it has at most {@code max} characters, else its start and how much was left out. */
  public static String text(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + "...(" + (text.length() - max) + " more characters)";
  }

  /**
   * A message of at most about {@link #MAX_MESSAGE} characters. Both ends are kept: a nested error's message
   * starts with the outer field path and ends with the problem found deepest.
   */
  static String message(String message) {
    if (message == null || message.length() <= MAX_MESSAGE) {
      return message;
    }
    int tail = MAX_MESSAGE / 4;
    int head = MAX_MESSAGE - tail;
    return message.substring(0, head) + " ...(" + (message.length() - head - tail) + " characters left out)... "
        + message.substring(message.length() - tail);
  }
}

package io.whizbang.runtime.core.internal;

import java.util.UUID;

/**
 * Parses the canonical 36-character UUID form (8-4-4-4-12 ASCII hex digits, either case) and nothing else.
 * {@link UUID#fromString} accepts short groups ({@code 1-1-1-1-1}) and any Unicode digit ({@code Character.digit}
 * reads Arabic-Indic or full-width digits as hex), so two different strings could name the same id.
 *
 * <pre>{@code UUID id = StrictUuid.parseOrNull(text); // null when text is not a canonical UUID}</pre>
 */
public final class StrictUuid {

  /** The value of each ASCII hex digit, -1 for every other character below 128. */
  private static final byte[] HEX_VALUE = new byte[128];

  static {
    java.util.Arrays.fill(HEX_VALUE, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX_VALUE['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX_VALUE['a' + i] = (byte) (10 + i);
      HEX_VALUE['A' + i] = (byte) (10 + i);
    }
  }

  private StrictUuid() {}

  /** The UUID {@code text} spells, or {@code null} when it is not exactly the canonical form. */
  public static UUID parseOrNull(String text) {
    return text == null || text.length() != 36 ? null : parseOrNull(text.toCharArray(), 0, 36);
  }

  /** The UUID in {@code length} characters of {@code text} from {@code offset}, or {@code null}. */
  public static UUID parseOrNull(char[] text, int offset, int length) {
    if (length != 36 || text[offset + 8] != '-' || text[offset + 13] != '-' || text[offset + 18] != '-'
        || text[offset + 23] != '-' || !hexDigitsOnly(text, offset)) {
      return null;
    }
    long most = hex(text, offset, 8) << 32 | hex(text, offset + 9, 4) << 16 | hex(text, offset + 14, 4);
    long least = hex(text, offset + 19, 4) << 48 | hex(text, offset + 24, 12);
    return new UUID(most, least);
  }

  /** The value of digits already checked by {@link #hexDigitsOnly}. */
  private static long hex(char[] text, int from, int digits) {
    long value = 0;
    for (int i = from; i < from + digits; i++) {
      value = value << 4 | HEX_VALUE[text[i]];
    }
    return value;
  }

  private static boolean hexDigitsOnly(char[] text, int offset) {
    for (int i = offset; i < offset + 36; i++) {
      int at = i - offset;
      if (at != 8 && at != 13 && at != 18 && at != 23) {
        char c = text[i];
        if (c >= 128 || HEX_VALUE[c] < 0) {
          return false;
        }
      }
    }
    return true;
  }
}

package io.whizbang.runtime.generated;

import java.time.Instant;

/**
 * Allocation-free ISO-8601 formatting and parsing of instants in the common shape
 * {@code 2025-05-01T10:15:30.123Z} (years 0000 to 9999, UTC). {@code Instant.toString} and {@code Instant.parse}
 * go through {@code DateTimeFormatter} and allocate about 0.5 KB and 1.8 KB per call, which dominated the cost of
 * encoding a message; any other shape falls back to them, so the wire format is exactly
 * {@code DateTimeFormatter.ISO_INSTANT}'s.
 */
final class IsoInstant {

  /** {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
  static final int MAX_LENGTH = 30;

  private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  private IsoInstant() {}

  /** Writes {@code instant} into {@code out}; returns the length, or -1 when the year is outside 0000-9999. */
  static int format(Instant instant, char[] out) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
      return -1;
    }
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    // Civil date from days since the epoch (Howard Hinnant's algorithm).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    int length = 19;
    int nanos = instant.getNano();
    if (nanos != 0) {
      out[length++] = '.';
      // ISO_INSTANT prints the fraction in groups of three digits: .123, .123456 or .123456789.
      if (nanos % 1_000_000 == 0) {
        digits(out, length, nanos / 1_000_000, 3);
        length += 3;
      } else if (nanos % 1000 == 0) {
        digits(out, length, nanos / 1000, 6);
        length += 6;
      } else {
        digits(out, length, nanos, 9);
        length += 9;
      }
    }
    out[length++] = 'Z';
    return length;
  }

  /** Parses the common shape, or returns null so that the caller falls back to {@link Instant#parse}. */
  static Instant parse(char[] text, int offset, int length) {
    if (length < 20 || length > MAX_LENGTH || text[offset + length - 1] != 'Z' || text[offset + 4] != '-'
        || text[offset + 7] != '-' || text[offset + 10] != 'T' || text[offset + 13] != ':'
        || text[offset + 16] != ':') {
      return null;
    }
    int year = number(text, offset, 4);
    int month = number(text, offset + 5, 2);
    int day = number(text, offset + 8, 2);
    int hour = number(text, offset + 11, 2);
    int minute = number(text, offset + 14, 2);
    int second = number(text, offset + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    int fractionLength = length - 21;
    if (length != 20) {
      if (text[offset + 19] != '.' || fractionLength < 1 || fractionLength > 9) {
        return null;
      }
      int fraction = number(text, offset + 20, fractionLength);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = fractionLength; i < 9; i++) {
        nanos *= 10;
      }
    }
    long days = daysFromCivil(year, month, day);
    return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second, nanos);
  }

  private static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static int monthLength(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** The decimal number in {@code text[offset, offset + count)}, or -1 when a character is not a digit. */
  private static int number(char[] text, int offset, int count) {
    int value = 0;
    for (int i = offset; i < offset + count; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static void digits(char[] out, int offset, int value, int count) {
    for (int i = offset + count - 1; i >= offset; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}

package io.shiftproof.schemas.wire;

import java.time.Instant;

/**
 * A strict, allocation-light parser for RFC 3339 date-times with a mandatory offset ({@code
 * 2026-11-28T14:02:11.250+08:00}, {@code ...Z}). Hand-written rather than {@code DateTimeFormatter}
 * because it runs once per ingested event and the formatter both accepts forms RFC 3339 does not
 * (missing seconds, offsets with seconds) and is several times slower.
 *
 * <p>Leap seconds ({@code :60}) are rejected as {@link Instant} cannot represent them.
 */
final class Rfc3339 {
  private static final int[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };
  private static final int MIN_LENGTH = "2000-01-01T00:00:00Z".length();
  private static final int MAX_LENGTH = "2000-01-01T00:00:00.123456789+08:00".length();

  private Rfc3339() {}

  /** The instant, or {@code null} when the text is not a valid RFC 3339 date-time with offset. */
  static Instant parseOrNull(String s) {
    int n = s.length();
    if (n < MIN_LENGTH || n > MAX_LENGTH) {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != 't')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    if (month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int pos = 19;
    int nanos = 0;
    if (s.charAt(pos) == '.') {
      int start = ++pos;
      while (pos < n && isDigit(s.charAt(pos))) {
        if (pos - start == 9) {
          return null;
        }
        nanos = nanos * 10 + (s.charAt(pos) - '0');
        pos++;
      }
      if (pos == start) {
        return null;
      }
      nanos *= POW10[9 - (pos - start)];
    }
    if (pos >= n) {
      return null;
    }
    int offsetSeconds;
    char z = s.charAt(pos);
    if (z == 'Z' || z == 'z') {
      offsetSeconds = 0;
      pos++;
    } else if (z == '+' || z == '-') {
      if (n - pos != 6 || s.charAt(pos + 3) != ':') {
        return null;
      }
      int offsetHours = digits(s, pos + 1, 2);
      int offsetMinutes = digits(s, pos + 4, 2);
      if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 23 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (z == '-' ? -1 : 1);
      pos += 6;
    } else {
      return null;
    }
    if (pos != n) {
      return null;
    }
    long epochSecond =
        epochDay(year, month, day) * 86_400L
            + hour * 3_600L
            + minute * 60L
            + second
            - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** Whether the text is a valid date-time that only lacks its offset (for a precise message). */
  static boolean lacksOffset(String s) {
    return s.length() < MAX_LENGTH && parseOrNull(s + "Z") != null;
  }

  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }
}

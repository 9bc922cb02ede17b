package io.shiftproof.schemas.wire;

import static java.time.temporal.ChronoField.NANO_OF_SECOND;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * RFC 3339 date-times with a mandatory offset ({@code 2026-11-28T14:02:11.250+08:00}, {@code
 * ...Z}): the one parser for ingested events and query parameters, and the one formatter for
 * answers.
 *
 * <p>The parser is strict and allocation-light. It is hand-written rather than a {@code
 * DateTimeFormatter} because it runs once per ingested event and the formatter both accepts forms
 * RFC 3339 does not (missing seconds, offsets with seconds, signed or five-digit years) and is
 * several times slower. Leap seconds ({@code :60}) are rejected as {@link Instant} cannot represent
 * them.
 *
 * <p>The formatter always writes seconds, which {@code ISO_OFFSET_DATE_TIME} omits when zero.
 */
public final class Rfc3339 {
  private static final int[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };
  private static final int MIN_LENGTH = "2000-01-01T00:00:00Z".length();
  private static final int MAX_LENGTH = "2000-01-01T00:00:00.123456789+08:00".length();

  /** Fraction digits only when non-zero, trailing zeros dropped; offset {@code Z} when zero. */
  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendFraction(NANO_OF_SECOND, 0, 9, true)
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT);

  private Rfc3339() {}

  /** The instant, or {@code null} when the text is not a valid RFC 3339 date-time with offset. */
  public static Instant parseOrNull(String s) {
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

  /**
   * The instant as local time in {@code zone} with the zone's offset at that instant, e.g. {@code
   * 2026-11-21T15:00:00+08:00} or {@code 2026-11-21T07:00:00.5Z}. Seconds are always written; a
   * fraction only when non-zero, with its trailing zeros dropped (so at most 6 digits for an
   * instant held in microseconds). An offset of zero is written as {@code Z}.
   *
   * <p>An offset that is not whole minutes (local mean time, before about 1900) cannot be written
   * in RFC 3339, so such an instant is written in UTC instead. Years outside 0000 to 9999 have no
   * RFC 3339 form either; they come out signed, which {@link #parseOrNull} does not read.
   */
  public static String format(Instant at, ZoneId zone) {
    ZoneOffset offset = zone.getRules().getOffset(at);
    if (offset.getTotalSeconds() % 60 != 0) {
      offset = ZoneOffset.UTC;
    }
    return FORMAT.format(at.atOffset(offset));
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

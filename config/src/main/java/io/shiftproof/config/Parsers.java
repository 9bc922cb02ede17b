package io.shiftproof.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * The parsers keys validate their values with. Each throws with a short reason, which {@link
 * ConfigKey#parse} puts after the key, the text and what the key wants.
 */
public final class Parsers {
  private Parsers() {}

  /** Any text, including none. */
  public static String text(String text) {
    return text;
  }

  /** Any text but the empty one. */
  public static String nonEmpty(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty");
    }
    return text;
  }

  /** One of the given words. */
  public static Function<String, String> oneOf(String... allowed) {
    List<String> values = List.of(allowed);
    return text -> {
      if (!values.contains(text)) {
        throw new IllegalArgumentException("not one of " + String.join(", ", values));
      }
      return text;
    };
  }

  /** A TCP port; 0 asks for a free one. */
  public static int port(String text) {
    return intIn(0, 65_535).apply(text);
  }

  /** A whole number from {@code min} to {@code max}. */
  public static Function<String, Integer> intIn(int min, int max) {
    return text -> (int) inRange(Integer.parseInt(text), min, max);
  }

  /** A whole number from {@code min} to {@code max}. */
  public static Function<String, Long> longIn(long min, long max) {
    return text -> inRange(Long.parseLong(text), min, max);
  }

  /** An ISO-8601 duration longer than zero. */
  public static Duration positiveDuration(String text) {
    Duration d = Duration.parse(text);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("not positive");
    }
    return d;
  }

  /** An ISO-8601 duration of at least {@code least}. */
  public static Function<String, Duration> durationAtLeast(Duration least) {
    return text -> {
      Duration d = Duration.parse(text);
      if (d.compareTo(least) < 0) {
        throw new IllegalArgumentException("shorter than " + least);
      }
      return d;
    };
  }

  /** A region-based time-zone id such as {@code Europe/Berlin}, or a fixed offset. */
  public static ZoneId zone(String text) {
    return ZoneId.of(text);
  }

  private static long inRange(long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("out of range");
    }
    return value;
  }
}

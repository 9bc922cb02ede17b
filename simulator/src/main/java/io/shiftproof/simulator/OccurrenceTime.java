package io.shiftproof.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The RFC 3339 text of an {@code occurredAt}, e.g. {@code 2026-11-28T14:02:11.250+08:00}:
 * millisecond precision, the zone's offset at that instant. Built by hand because it runs for every
 * generated event and {@code DateTimeFormatter}'s fraction printing dominated the generator's cost.
 */
final class OccurrenceTime {
  private OccurrenceTime() {}

  static String format(Instant instant, ZoneId zone) {
    ZoneOffset offset = zone.getRules().getOffset(instant);
    LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, offset);
    StringBuilder text = new StringBuilder(29);
    pad(text, local.getYear(), 4).append('-');
    pad(text, local.getMonthValue(), 2).append('-');
    pad(text, local.getDayOfMonth(), 2).append('T');
    pad(text, local.getHour(), 2).append(':');
    pad(text, local.getMinute(), 2).append(':');
    pad(text, local.getSecond(), 2).append('.');
    pad(text, instant.getNano() / 1_000_000, 3);
    int seconds = offset.getTotalSeconds();
    if (seconds == 0) {
      return text.append('Z').toString();
    }
    text.append(seconds < 0 ? '-' : '+');
    int abs = Math.abs(seconds);
    pad(text, abs / 3600, 2).append(':');
    // RFC 3339 offsets have no seconds; the few historical zones with them are rounded down.
    pad(text, abs / 60 % 60, 2);
    return text.toString();
  }

  private static StringBuilder pad(StringBuilder text, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      text.append('0');
    }
    return text.append(digits);
  }
}

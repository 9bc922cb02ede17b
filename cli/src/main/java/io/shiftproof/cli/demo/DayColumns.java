package io.shiftproof.cli.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A local day cut into equal columns for a chart. On an ordinary day 96 columns are 15 minutes
 * each; on a day with a daylight-saving change the columns stretch or shrink a little so that the
 * chart keeps its width.
 *
 * @param zone the day's zone
 * @param startMicros local midnight starting the day, in microseconds since the epoch
 * @param endMicros local midnight ending it
 * @param count the number of columns
 */
record DayColumns(ZoneId zone, long startMicros, long endMicros, int count) {

  static DayColumns of(LocalDate day, ZoneId zone, int count) {
    return new DayColumns(
        zone,
        micros(day.atStartOfDay(zone).toInstant()),
        micros(day.plusDays(1).atStartOfDay(zone).toInstant()),
        count);
  }

  /** The start of column {@code column}; {@code from(count)} is the day's end. */
  long from(int column) {
    return startMicros + (endMicros - startMicros) * column / count;
  }

  long to(int column) {
    return from(column + 1);
  }

  /** The column holding instant {@code micros}, which lies within the day. */
  int columnOf(long micros) {
    return (int) ((micros - startMicros) * count / (endMicros - startMicros));
  }

  /** The column length of an ordinary day, in minutes, for the legend. */
  long minutesPerColumn() {
    return (endMicros - startMicros) / 60_000_000L / count;
  }

  ZonedDateTime local(long micros) {
    return ZonedDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), zone);
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}

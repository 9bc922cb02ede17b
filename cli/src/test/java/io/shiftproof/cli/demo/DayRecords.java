package io.shiftproof.cli.demo;

import io.shiftproof.schemas.avro.AnomalyKind;
import io.shiftproof.schemas.avro.DayFlag;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DaySegment;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.WorkState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Hand-built day records on 2026-11-28 in Asia/Shanghai, with times written as local clock. */
final class DayRecords {

  static final String DAY = "2026-11-28";
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final String workerRef;
  private final List<DaySegment> segments = new ArrayList<>();
  private final List<DayFlag> flags = new ArrayList<>();
  private DayTotals totals = new DayTotals(0L, 0L, 0L, 0L, 0L, 0L);
  private long coveredUntilMicros = micros("24:00");
  private boolean provisional;

  private DayRecords(String workerRef) {
    this.workerRef = workerRef;
  }

  static DayRecords worker(String workerRef) {
    return new DayRecords(workerRef);
  }

  /** Local time {@code HH:mm} of the day, or {@code 24:00} for its end, in epoch microseconds. */
  static long micros(String clock) {
    LocalDate day = LocalDate.parse(DAY);
    if (clock.equals("24:00")) {
      day = day.plusDays(1);
      clock = "00:00";
    }
    return ChronoUnit.MICROS.between(
        Instant.EPOCH, day.atTime(LocalTime.parse(clock)).atZone(ZONE).toInstant());
  }

  static List<String> on(String... platforms) {
    return List.of(platforms);
  }

  DayRecords segment(
      String from, String to, WorkState state, List<String> online, List<String> engaged) {
    segments.add(new DaySegment(micros(from), micros(to), state, online, engaged));
    return this;
  }

  DayRecords flag(AnomalyKind kind, String platform, String at, String taskRef) {
    flags.add(
        new DayFlag(kind, platform, "s-" + platform, taskRef, "e-" + flags.size(), micros(at)));
    return this;
  }

  /** Totals in minutes, as worked out by hand from the segments. */
  DayRecords totalsInMinutes(
      long online, long engaged, long onTask, long multiApp, long platformSum, long longest) {
    totals =
        new DayTotals(
            online * 60, engaged * 60, onTask * 60, multiApp * 60, platformSum * 60, longest * 60);
    return this;
  }

  DayRecords liveUntil(String clock) {
    provisional = true;
    coveredUntilMicros = micros(clock);
    return this;
  }

  DayRecord build() {
    return DayRecord.newBuilder()
        .setWorkerRef(workerRef)
        .setDay(DAY)
        .setZone(ZONE.getId())
        .setVersion(provisional ? 0 : 1)
        .setProvisional(provisional)
        .setCoveredUntilMicros(coveredUntilMicros)
        .setTotals(totals)
        .setSegments(segments)
        .setFlags(flags)
        .setSourceBatches(List.of())
        .build();
  }
}

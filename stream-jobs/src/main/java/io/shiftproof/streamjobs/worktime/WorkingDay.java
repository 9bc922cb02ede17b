package io.shiftproof.streamjobs.worktime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One worker's cross-platform working time on one local day (docs/design.md §5): totals, segments,
 * anomaly flags and lineage, before it is versioned and encoded as the Avro {@code DayRecord}
 * (whose segment bounds are microseconds, the precision {@link TimelineEvent} keeps).
 *
 * @param dayStart local midnight starting the day, as an instant
 * @param dayEnd local midnight ending the day, exclusive
 * @param coveredUntil the record describes {@code [dayStart, coveredUntil)}: the day's end, or how
 *     far the worker's time is known ({@link Frontier#knownUntil}: the watermark, or the last event
 *     of a session still open at it) if that is earlier; nothing is claimed about later time
 * @param anomalies flags whose instant falls within {@code [dayStart, coveredUntil)}, in time order
 * @param provisional whether later events may still change the record: true until the watermark
 *     passes the day's end plus the silence timeout, when every session of the day is closed
 * @param segments the day's online time as maximal segments, in time order
 * @param lineage the events that shaped the day, counted and digested per platform when asked
 */
public record WorkingDay(
    String workerRef,
    LocalDate day,
    Instant dayStart,
    Instant dayEnd,
    Instant coveredUntil,
    boolean provisional,
    DayTotals totals,
    List<Segment> segments,
    List<Anomaly> anomalies,
    DayLineage lineage) {

  public WorkingDay {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(dayStart, "dayStart");
    Objects.requireNonNull(dayEnd, "dayEnd");
    Objects.requireNonNull(coveredUntil, "coveredUntil");
    Objects.requireNonNull(totals, "totals");
    segments = List.copyOf(segments);
    anomalies = List.copyOf(anomalies);
    Objects.requireNonNull(lineage, "lineage");
  }

  /** Per platform, the events that shaped the day, in platform order ({@link DayLineage}). */
  public List<PlatformSources> sources() {
    return lineage.sources();
  }
}

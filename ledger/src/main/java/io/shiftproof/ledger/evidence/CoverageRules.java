package io.shiftproof.ledger.evidence;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.WorkState;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DaySegments;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coverage rule set {@code cn-pilot-2022} (docs/design.md §7), applied to the segments of a
 * worker's day records. Pure: the same records and instant always give the same decision, so an
 * offline verifier can re-evaluate a bundle's decision from the records it carries.
 *
 * <p>Segments are half-open {@code [from, to)}. The rules, in order:
 *
 * <ol>
 *   <li>{@code COVERED} when some platform is engaged at t; the engaged platforms are liable, and
 *       more than one is flagged {@code MULTIPLE_LIABLE}.
 *   <li>{@code REVIEW}/{@code CLOCK_TOLERANCE} when an engaged segment meets the closed interval
 *       {@code [t - 2 min, t + 2 min]}: platform clocks may disagree by that much.
 *   <li>{@code REVIEW}/{@code AFTER_TASK} when an engaged segment ended at or after {@code t - 30
 *       min} (exactly 30 minutes counts): the route home or to the next task, which the pilot has
 *       refused, so a person decides.
 *   <li>{@code NOT_COVERED}/{@code ONLINE_WAITING} when the state at t is {@code AVAILABLE}, else
 *       {@code NOT_COVERED}/{@code OFFLINE}.
 * </ol>
 *
 * <p>When a day has several versions, the highest is used: a later version corrects an earlier one.
 * Time between segments inside a record counts as offline.
 */
public final class CoverageRules {
  /** The versioned name that decisions record. */
  public static final String RULE_SET = "cn-pilot-2022";

  /** How far platform clocks may disagree with the incident report. */
  public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);

  /** How long after an engaged stretch ends the worker may still be on the way. */
  public static final Duration AFTER_TASK = Duration.ofMinutes(30);

  private CoverageRules() {}

  /**
   * Whether the record of the incident's day reaches far enough to decide: past the incident, and a
   * provisional (interim) record also past the clock tolerance after it, which the REVIEW rule
   * consults; a settled day's record covers its whole day.
   */
  public static boolean coversIncident(DayRecord incidentDay, Instant incidentAt) {
    long t = RecordedEventCodec.epochMicros(incidentAt);
    long needed = incidentDay.getProvisional() ? t + CLOCK_TOLERANCE.toNanos() / 1_000 : t;
    return needed < incidentDay.getCoveredUntilMicros();
  }

  /**
   * Applies the rules at {@code incidentAt} to one worker's {@code records}, whose local days are
   * read in {@code zone}.
   */
  public static CoverageEvaluation evaluate(
      Collection<DayRecord> records, Instant incidentAt, ZoneId zone) {
    Map<String, DayRecord> latest = latestPerDay(records);
    String incidentDay = LocalDate.ofInstant(incidentAt, zone).toString();
    DayRecord own = latest.get(incidentDay);
    long t = RecordedEventCodec.epochMicros(incidentAt);
    if (own == null) {
      return new CoverageEvaluation.RecordMissing(
          incidentDay, "records: got none for day " + incidentDay + ", want the incident's day");
    }
    if (!coversIncident(own, incidentAt)) {
      return new CoverageEvaluation.RecordMissing(
          incidentDay,
          "coveredUntil: got "
              + DayRecordCodec.instantOfMicros(own.getCoveredUntilMicros())
              + " for day "
              + incidentDay
              + " version "
              + own.getVersion()
              + ", want after the incident at "
              + incidentAt
              + (own.getProvisional() ? " plus " + CLOCK_TOLERANCE.toMinutes() + " min" : ""));
    }
    long earliest = t - AFTER_TASK.toNanos() / 1_000;
    long latestConsulted = t + CLOCK_TOLERANCE.toNanos() / 1_000;
    List<DayRecord> consulted = consulted(latest.values(), earliest, latestConsulted, zone);
    List<RecordVersion> basedOn =
        consulted.stream()
            .map(r -> new RecordVersion(r.getDay(), r.getVersion()))
            .sorted()
            .toList();
    List<DaySegments.Segment> segments = new ArrayList<>();
    consulted.forEach(r -> segments.addAll(DaySegments.of(r)));
    return new CoverageEvaluation.Decided(decide(segments, t, basedOn));
  }

  private static CoverageDecision decide(
      List<DaySegments.Segment> segments, long t, List<RecordVersion> basedOn) {
    Optional<DaySegments.Segment> atT =
        segments.stream().filter(s -> s.fromMicros() <= t && t < s.toMicros()).findFirst();
    WorkState state = atT.map(DaySegments.Segment::state).orElse(WorkState.OFFLINE);
    SortedSet<String> liable =
        new TreeSet<>(atT.map(DaySegments.Segment::engagedPlatforms).orElse(List.of()));
    if (!liable.isEmpty()) {
      List<CoverageFlag> flags =
          liable.size() > 1 ? List.of(CoverageFlag.MULTIPLE_LIABLE) : List.of();
      return decision(
          CoverageOutcome.COVERED,
          CoverageReason.ENGAGED,
          liable,
          Collections.emptySortedSet(),
          flags,
          state,
          basedOn);
    }
    long toleranceFrom = t - CLOCK_TOLERANCE.toNanos() / 1_000;
    long toleranceTo = t + CLOCK_TOLERANCE.toNanos() / 1_000;
    SortedSet<String> nearby = new TreeSet<>();
    // [from, to) meets the closed [a, b] when from <= b and to > a.
    segments.stream()
        .filter(s -> s.fromMicros() <= toleranceTo && s.toMicros() > toleranceFrom)
        .forEach(s -> nearby.addAll(s.engagedPlatforms()));
    if (!nearby.isEmpty()) {
      return decision(
          CoverageOutcome.REVIEW,
          CoverageReason.CLOCK_TOLERANCE,
          Collections.emptySortedSet(),
          nearby,
          List.of(),
          state,
          basedOn);
    }
    long afterTaskFrom = t - AFTER_TASK.toNanos() / 1_000;
    SortedSet<String> justEnded = new TreeSet<>();
    segments.stream()
        .filter(s -> s.toMicros() >= afterTaskFrom && s.toMicros() <= t)
        .forEach(s -> justEnded.addAll(s.engagedPlatforms()));
    if (!justEnded.isEmpty()) {
      return decision(
          CoverageOutcome.REVIEW,
          CoverageReason.AFTER_TASK,
          Collections.emptySortedSet(),
          justEnded,
          List.of(),
          state,
          basedOn);
    }
    CoverageReason reason =
        state == WorkState.AVAILABLE ? CoverageReason.ONLINE_WAITING : CoverageReason.OFFLINE;
    return decision(
        CoverageOutcome.NOT_COVERED,
        reason,
        Collections.emptySortedSet(),
        Collections.emptySortedSet(),
        List.of(),
        state,
        basedOn);
  }

  private static CoverageDecision decision(
      CoverageOutcome outcome,
      CoverageReason reason,
      SortedSet<String> liable,
      SortedSet<String> candidates,
      List<CoverageFlag> flags,
      WorkState state,
      List<RecordVersion> basedOn) {
    return new CoverageDecision(
        RULE_SET,
        outcome,
        reason,
        List.copyOf(liable),
        List.copyOf(candidates),
        flags,
        state,
        basedOn);
  }

  /** The highest version of each day, keyed by day. */
  static Map<String, DayRecord> latestPerDay(Collection<DayRecord> records) {
    Map<String, DayRecord> latest = new TreeMap<>();
    for (DayRecord record : records) {
      latest.merge(record.getDay(), record, (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
    }
    return latest;
  }

  /** The records whose local day meets {@code [fromMicros, toMicros]}. */
  private static List<DayRecord> consulted(
      Collection<DayRecord> records, long fromMicros, long toMicros, ZoneId zone) {
    LocalDate first = LocalDate.ofInstant(DayRecordCodec.instantOfMicros(fromMicros), zone);
    LocalDate last = LocalDate.ofInstant(DayRecordCodec.instantOfMicros(toMicros), zone);
    return records.stream()
        .filter(
            r -> {
              LocalDate day = LocalDate.parse(r.getDay());
              return !day.isBefore(first) && !day.isAfter(last);
            })
        .toList();
  }
}

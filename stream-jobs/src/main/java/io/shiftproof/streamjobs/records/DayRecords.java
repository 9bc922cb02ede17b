package io.shiftproof.streamjobs.records;

import io.shiftproof.schemas.avro.DayFlag;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.Sha256;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DaySegments;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.streamjobs.worktime.Anomaly;
import io.shiftproof.streamjobs.worktime.PlatformSources;
import io.shiftproof.streamjobs.worktime.Segment;
import io.shiftproof.streamjobs.worktime.WorkingDay;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.List;

/** Turns a computed {@link WorkingDay} into the stored, canonical {@code DayRecord}. */
public final class DayRecords {
  private DayRecords() {}

  /** The record of {@code day} as version {@code version} (0 for the live record). */
  public static DayRecord toAvro(WorkingDay day, int version, ZoneId zone) {
    // A sealed version names its sources; the live record, rebuilt on every update, does not
    // (docs/design.md §5.6).
    return toAvro(day, version, zone, version == 0 ? List.of() : day.sources());
  }

  /** The canonical bytes of {@link #toAvro}. */
  public static byte[] encode(WorkingDay day, int version, ZoneId zone) {
    return DayRecordCodec.encode(toAvro(day, version, zone));
  }

  /**
   * A digest of what a version asserts about working time: totals, segments and flags. Lineage is
   * left out on purpose: a late event that changes nothing (a repeated heartbeat, say) adds itself
   * to the lineage, and sealing a new version for that alone would make versions grow with platform
   * chatter rather than with corrections.
   */
  public static byte[] contentDigest(WorkingDay day, ZoneId zone) {
    DayRecord content = toAvro(day, 0, zone, List.of());
    content.setProvisional(false);
    content.setCoveredUntilMicros(0L);
    try {
      return MessageDigest.getInstance("SHA-256").digest(DayRecordCodec.encode(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static DayRecord toAvro(
      WorkingDay day, int version, ZoneId zone, List<PlatformSources> lineage) {
    DayRecord.Builder record =
        DayRecord.newBuilder()
            .setWorkerRef(day.workerRef())
            .setDay(day.day().toString())
            .setZone(zone.getId())
            .setVersion(version)
            .setProvisional(day.provisional())
            .setCoveredUntilMicros(RecordedEventCodec.epochMicros(day.coveredUntil()))
            .setTotals(totals(day.totals()))
            .setFlags(day.anomalies().stream().map(DayRecords::flag).toList())
            // Version 1's list of batches stays in the schema for compatibility, always empty.
            .setSourceBatches(List.of())
            .setSources(
                lineage.stream()
                    .map(
                        s ->
                            new io.shiftproof.schemas.avro.PlatformSources(
                                s.platform(), s.eventCount(), new Sha256(s.eventsDigest())))
                    .toList());
    // Segments in their compact form; the old field stays empty (docs/design.md §5.6).
    return DaySegments.write(record, day.segments().stream().map(DayRecords::segment).toList())
        .build();
  }

  private static DayTotals totals(io.shiftproof.streamjobs.worktime.DayTotals t) {
    return new DayTotals(
        t.onlineSeconds(),
        t.engagedSeconds(),
        t.onTaskSeconds(),
        t.multiAppSeconds(),
        t.platformSumSeconds(),
        t.longestStretchSeconds());
  }

  private static DaySegments.Segment segment(Segment s) {
    return new DaySegments.Segment(
        RecordedEventCodec.epochMicros(s.from()),
        RecordedEventCodec.epochMicros(s.to()),
        io.shiftproof.schemas.avro.WorkState.valueOf(s.state().name()),
        s.onlinePlatforms(),
        s.engagedPlatforms());
  }

  private static DayFlag flag(Anomaly a) {
    return new DayFlag(
        io.shiftproof.schemas.avro.AnomalyKind.valueOf(a.kind().name()),
        a.platform(),
        a.sessionId(),
        a.taskRef().orElse(null),
        a.eventId(),
        RecordedEventCodec.epochMicros(a.at()));
  }
}

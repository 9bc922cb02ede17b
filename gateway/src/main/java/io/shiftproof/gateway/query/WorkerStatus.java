package io.shiftproof.gateway.query;

import io.shiftproof.records.RecordProof;
import io.shiftproof.records.StoredDayRecord;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.WorkState;
import io.shiftproof.schemas.wire.DaySegments;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A worker's cross-platform state at an instant (docs/design.md §5), read from the segments of a
 * day record, with the record version it came from and that version's proof (empty for the live
 * record). {@code engagedPlatforms} are the liable ones.
 *
 * @param knownUntil how far the record's answer holds ({@link StoredDayRecord#knownUntil})
 */
public record WorkerStatus(
    String workerRef,
    Instant at,
    ZoneId zone,
    WorkState state,
    List<String> onlinePlatforms,
    List<String> engagedPlatforms,
    int recordVersion,
    boolean provisional,
    Instant knownUntil,
    Optional<RecordProof> proof) {

  public WorkerStatus {
    onlinePlatforms = List.copyOf(onlinePlatforms);
    engagedPlatforms = List.copyOf(engagedPlatforms);
  }

  /**
   * The status at {@code at} according to {@code stored}, or empty when the record does not hold
   * that far ({@code at} at or after its {@link StoredDayRecord#knownUntil}): the answer is then
   * unknown, not offline. Up to there, time outside the record's segments is offline, including the
   * time past a quiet live record's coveredUntil.
   */
  public static Optional<WorkerStatus> at(StoredDayRecord stored, Instant at) {
    DayRecord record = stored.record();
    if (!at.isBefore(stored.knownUntil())) {
      return Optional.empty();
    }
    Optional<DaySegments.Segment> segment = segmentAt(record, at);
    return Optional.of(
        new WorkerStatus(
            record.getWorkerRef(),
            at,
            ZoneId.of(record.getZone()),
            segment.map(DaySegments.Segment::state).orElse(WorkState.OFFLINE),
            segment.map(DaySegments.Segment::onlinePlatforms).orElse(List.of()),
            segment.map(DaySegments.Segment::engagedPlatforms).orElse(List.of()),
            record.getVersion(),
            record.getProvisional(),
            stored.knownUntil(),
            stored.proof()));
  }

  /**
   * The segment whose half-open interval {@code [from, to)} contains {@code at}. Segments are
   * compared as instants, so local-time gaps and repeats around a DST change do not matter.
   */
  public static Optional<DaySegments.Segment> segmentAt(DayRecord record, Instant at) {
    long micros = floorMicros(at);
    for (DaySegments.Segment segment : DaySegments.of(record)) {
      if (segment.fromMicros() <= micros && micros < segment.toMicros()) {
        return Optional.of(segment);
      }
    }
    return Optional.empty();
  }

  /**
   * Truncating sub-microsecond digits keeps the half-open test exact: an instant inside the last
   * microsecond before {@code to} is still before it, one inside the microsecond before {@code
   * from} is still before that.
   */
  private static long floorMicros(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
  }
}

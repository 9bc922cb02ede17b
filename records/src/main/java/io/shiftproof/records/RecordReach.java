package io.shiftproof.records;

import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * How far a stored day record's answer holds (docs/design.md §5.7, §5.8): the one rule behind day
 * queries, status, and the choice between a live record and an interim version.
 *
 * <ul>
 *   <li>A sealed version holds up to its {@code coveredUntil}.
 *   <li>A live record holds up to its {@code coveredUntil}; when it is quiet (no session was open
 *       where it ends), it also holds, as offline, up to the job's committed watermark, but never
 *       past the end of its day. The job stores a quiet worker's next event in the live record
 *       before its committed watermark passes that event, so nothing later than the record can have
 *       happened before that watermark (short of an event arriving after the watermark passed it,
 *       which revises every provisional record alike).
 * </ul>
 *
 * <p>The committed watermark is the one {@code stream_progress} holds (the minimum over the job's
 * subtasks of its latest committed checkpoint), read in the same statement as the live record, so
 * that the record read is never older than that watermark vouches for.
 */
public final class RecordReach {
  private RecordReach() {}

  /** How far a sealed version holds. */
  public static Instant ofSealed(DayRecord version) {
    return DayRecordCodec.instantOfMicros(version.getCoveredUntilMicros());
  }

  /**
   * How far a live record holds.
   *
   * @param quiet whether no session was open where the record ends ({@link LiveRecord#quiet})
   * @param committedWatermark the job's committed watermark, if it has committed anything
   */
  public static Instant ofLive(
      DayRecord live, boolean quiet, Optional<Instant> committedWatermark) {
    Instant coveredUntil = DayRecordCodec.instantOfMicros(live.getCoveredUntilMicros());
    if (!quiet || committedWatermark.isEmpty()) {
      return coveredUntil;
    }
    Instant dayEnd =
        LocalDate.parse(live.getDay())
            .plusDays(1)
            .atStartOfDay(ZoneId.of(live.getZone()))
            .toInstant();
    Instant committed = committedWatermark.get();
    Instant reach = committed.isBefore(dayEnd) ? committed : dayEnd;
    return reach.isAfter(coveredUntil) ? reach : coveredUntil;
  }
}

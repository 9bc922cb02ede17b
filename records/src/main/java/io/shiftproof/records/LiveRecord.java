package io.shiftproof.records;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The live record of a day that has not settled, as the store writes it into {@code
 * day_record_live}: provisional, replaced in place as the job's watermark moves, never anchored.
 *
 * @param watermarkMillis the job's event-time watermark when the record was made; a stored record
 *     is never replaced by one made at an earlier watermark (as after a restore, when the job
 *     replays events)
 * @param coveredUntilMillis how far in event time the record reaches
 * @param quiet whether no session of the worker was open where the record ends, before the day's
 *     end: readers then take the worker as offline past it up to the job's committed watermark
 *     ({@link RecordReach})
 * @param record the canonical bytes of the {@code DayRecord} ({@code DayRecordCodec})
 */
public record LiveRecord(
    String workerRef,
    LocalDate day,
    long watermarkMillis,
    long coveredUntilMillis,
    boolean quiet,
    byte[] record) {

  public LiveRecord {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(record, "record");
  }
}

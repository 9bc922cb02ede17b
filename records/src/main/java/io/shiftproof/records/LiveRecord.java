package io.shiftproof.records;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The live record of a day that has not settled, as the store writes it into {@code
 * day_record_live}: provisional, replaced in place as the job's watermark moves, never anchored.
 *
 * @param coveredUntilMillis how far in event time the record reaches; a stored record is never
 *     replaced by one reaching less
 * @param record the canonical bytes of the {@code DayRecord} ({@code DayRecordCodec})
 */
public record LiveRecord(String workerRef, LocalDate day, long coveredUntilMillis, byte[] record) {

  public LiveRecord {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(record, "record");
  }
}

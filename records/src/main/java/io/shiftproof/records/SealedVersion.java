package io.shiftproof.records;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A sealed version of a worker's day as the store writes it into {@code day_record_version}:
 * immutable once stored, and anchored with the other versions of its checkpoint.
 *
 * @param version the version number, from 1
 * @param watermarkMillis the job's event-time watermark when the version was sealed; the job's
 *     first and last watermarks ({@link Long#MIN_VALUE}, {@link Long#MAX_VALUE}) are stored clamped
 * @param coveredUntilMillis how far in event time the record reaches
 * @param record the canonical bytes of the {@code DayRecord} ({@code DayRecordCodec}), the bytes
 *     that are hashed and anchored
 */
public record SealedVersion(
    String workerRef,
    LocalDate day,
    int version,
    Reason reason,
    long watermarkMillis,
    long coveredUntilMillis,
    byte[] record) {

  public SealedVersion {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(record, "record");
    if (version < 1) {
      throw new IllegalArgumentException("version: got " + version + ", want 1 or more");
    }
  }

  /** Why a version was sealed; stored as the {@code reason} column. */
  public enum Reason {
    /** The version sealed when the day settled: 1, or the one after its interim versions. */
    SETTLED,
    /** A later version: an event inside the correction horizon changed a settled day. */
    CORRECTION,
    /**
     * Sealed on request (an evidence request, an incident report) before the day settled, covering
     * events up to the watermark; still provisional, and followed by a SETTLED version. The day's
     * live record goes on beside it.
     */
    INTERIM
  }
}

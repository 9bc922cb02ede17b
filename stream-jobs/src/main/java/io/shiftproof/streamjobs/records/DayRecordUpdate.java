package io.shiftproof.streamjobs.records;

import io.shiftproof.records.LiveRecord;
import io.shiftproof.records.SealedVersion;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One output of the working-time job for one worker's day: the live record of a day that has not
 * settled, or a sealed version. The store takes it as a {@link LiveRecord} or a {@link
 * SealedVersion}; it stays the job's own type because the committer keeps sealed versions in its
 * checkpointed state, which names this class.
 *
 * @param epochDay the local day, as {@link LocalDate#toEpochDay()}
 * @param version 0 for the live record, otherwise the sealed version number from 1
 * @param watermarkMillis the job's event-time watermark when the update was made
 * @param record the canonical bytes of the {@code DayRecord} ({@code DayRecordCodec})
 */
public record DayRecordUpdate(
    String workerRef,
    long epochDay,
    int version,
    UpdateKind kind,
    long watermarkMillis,
    long coveredUntilMillis,
    byte[] record) {

  public DayRecordUpdate {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(record, "record");
    if ((kind == UpdateKind.LIVE) != (version == 0)) {
      throw new IllegalArgumentException(
          "version: got " + version + " for a " + kind + " update, want 0 exactly for LIVE");
    }
  }

  public LocalDate day() {
    return LocalDate.ofEpochDay(epochDay);
  }

  /** This live record as the store writes it. */
  public LiveRecord liveRecord() {
    if (kind != UpdateKind.LIVE) {
      throw new IllegalStateException(
          "a " + kind + " update is a sealed version, not a live record");
    }
    return new LiveRecord(
        workerRef, day(), watermarkMillis, coveredUntilMillis, reachesItsWatermark(), record);
  }

  /**
   * Whether the record reaches the watermark it was made at, which is one millisecond past the
   * Flink watermark (every event up to that has arrived). A live record does exactly when no
   * session of the worker was open then and the day had not ended: otherwise it stops at the last
   * event of an open session, before the watermark, or at the day's end. Such a record is quiet:
   * readers take the worker as offline past it up to the job's committed watermark.
   */
  boolean reachesItsWatermark() {
    return watermarkMillis != Long.MAX_VALUE && coveredUntilMillis > watermarkMillis;
  }

  /** This sealed version as the store writes it. */
  public SealedVersion sealedVersion() {
    if (kind == UpdateKind.LIVE) {
      throw new IllegalStateException("a LIVE update is a live record, not a sealed version");
    }
    return new SealedVersion(
        workerRef,
        day(),
        version,
        SealedVersion.Reason.valueOf(kind.name()),
        watermarkMillis,
        coveredUntilMillis,
        record);
  }

  /** Why an update was made. */
  public enum UpdateKind {
    /** The provisional record of a day that has not settled; replaced as the watermark moves. */
    LIVE,
    /** The version sealed when the day settled: 1, or the one after its interim versions. */
    SETTLED,
    /** A later version: an event inside the correction horizon changed a settled day. */
    CORRECTION,
    /**
     * Sealed on request (an evidence request, an incident report) before the day settled, covering
     * events up to the watermark; still provisional, and followed by a SETTLED version.
     */
    INTERIM
  }
}

package io.shiftproof.records;

import io.shiftproof.schemas.avro.DayRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A day record as stored: a sealed version (with its {@link Seal} and, once anchored, its {@link
 * RecordProof}) or the live record (neither), the highest sealed version of the same day, 0 when
 * none is sealed yet, so a reader can tell whether a newer version exists, and how far the record's
 * answer holds.
 *
 * @param knownUntil the record answers for every instant of its day before this one, time outside
 *     its segments being offline ({@link RecordReach}): its {@code coveredUntil}, or, for a quiet
 *     live record, the job's committed watermark up to the day's end
 */
public record StoredDayRecord(
    DayRecord record,
    Optional<Seal> seal,
    Optional<RecordProof> proof,
    int latestVersion,
    Instant knownUntil) {

  public StoredDayRecord {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(knownUntil, "knownUntil");
  }
}

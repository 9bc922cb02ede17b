package io.shiftproof.records;

import io.shiftproof.schemas.avro.DayRecord;
import java.util.Optional;

/**
 * A day record as stored: a sealed version (with its {@link Seal} and, once anchored, its {@link
 * RecordProof}) or the live record (neither), and the highest sealed version of the same day, 0
 * when none is sealed yet, so a reader can tell whether a newer version exists.
 */
public record StoredDayRecord(
    DayRecord record, Optional<Seal> seal, Optional<RecordProof> proof, int latestVersion) {}

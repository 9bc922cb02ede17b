package io.shiftproof.records;

import io.shiftproof.schemas.avro.DayRecord;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What the hub holds for one local day of an evidence window: a sealed and anchored version, a day
 * still live (not sealed yet, so not evidence), or nothing at all.
 */
public sealed interface DayEvidence {
  LocalDate day();

  /**
   * The day's latest sealed version, anchored: its canonical bytes exactly as stored and hashed,
   * decoded, and its proof.
   */
  record Sealed(LocalDate day, byte[] canonicalRecord, DayRecord record, RecordProof proof)
      implements DayEvidence {
    public Sealed {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(canonicalRecord, "canonicalRecord");
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(proof, "proof");
    }
  }

  /**
   * The day has a live record or an unanchored version only.
   *
   * @param coveredUntilMicros how far the live record reaches, if there is one
   */
  record NotSealed(LocalDate day, Optional<Long> coveredUntilMicros) implements DayEvidence {}

  /** No record of the day exists: the worker had no events that day, or none processed yet. */
  record NoRecord(LocalDate day) implements DayEvidence {}
}

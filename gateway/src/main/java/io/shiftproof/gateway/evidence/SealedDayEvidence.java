package io.shiftproof.gateway.evidence;

import io.shiftproof.gateway.query.RecordProof;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The latest sealed, anchored version of one day as evidence: its canonical bytes exactly as stored
 * and hashed, and its proof.
 */
public record SealedDayEvidence(
    LocalDate day, int version, byte[] canonicalRecord, RecordProof proof) {
  public SealedDayEvidence {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(canonicalRecord, "canonicalRecord");
    Objects.requireNonNull(proof, "proof");
  }
}

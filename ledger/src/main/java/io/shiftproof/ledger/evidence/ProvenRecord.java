package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.merkle.InclusionProof;
import java.util.Objects;

/**
 * A sealed day-record version with the proof that it is a leaf of an anchored batch.
 *
 * @param canonicalRecord the record's canonical Avro bytes, the Merkle leaf content
 * @param batchId the anchored batch whose tree holds the leaf
 * @param proof the leaf's audit path in that tree
 */
public record ProvenRecord(byte[] canonicalRecord, String batchId, InclusionProof proof) {
  public ProvenRecord {
    canonicalRecord = canonicalRecord.clone();
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(proof, "proof");
  }

  @Override
  public byte[] canonicalRecord() {
    return canonicalRecord.clone();
  }
}

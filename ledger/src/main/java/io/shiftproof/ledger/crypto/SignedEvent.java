package io.shiftproof.ledger.crypto;

import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.schemas.wire.BatchEncoding;
import java.util.Objects;

/**
 * One event of a platform batch with what shows, offline and without the rest of the batch, that
 * the platform signed it: its exact bytes as they lay in the body, the RFC 6962 path from its leaf
 * to the batch's events root, and the batch's signature ({@link SignedEventVerifier}).
 *
 * @param eventBytes the element of the batch's {@code events} array, byte for byte as sent
 * @param encoding how those bytes are encoded (a JSON object, or an Avro {@code WorkEvent} record
 *     in the batch's writer schema)
 * @param proof the leaf index, the batch's number of events (the tree size) and the audit path
 */
public record SignedEvent(
    byte[] eventBytes, BatchEncoding encoding, InclusionProof proof, SignedBatch batch) {

  public SignedEvent {
    eventBytes = Objects.requireNonNull(eventBytes, "eventBytes").clone();
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(batch, "batch");
  }

  @Override
  public byte[] eventBytes() {
    return eventBytes.clone();
  }
}

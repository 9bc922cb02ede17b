package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.merkle.Hash;
import java.util.List;
import java.util.Objects;

/**
 * One of the worker's events exactly as its platform sent it, with its place in the platform's
 * signed batch (docs/evidence-format.md §1.3): the leaf {@code SHA-256(0x00 || bytes)} at {@code
 * leafIndex} of the batch's events root, and the RFC 6962 path from it to that root.
 *
 * @param bytes the event's exact bytes in the batch body: a JSON object, or a binary Avro {@code
 *     WorkEvent}, as {@code contentType} says
 */
public record SignedEvent(
    String platform,
    String batchId,
    EventEncoding contentType,
    byte[] bytes,
    long leafIndex,
    List<Hash> inclusionPath) {

  public SignedEvent {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(contentType, "contentType");
    bytes = bytes.clone();
    inclusionPath = List.copyOf(inclusionPath);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}

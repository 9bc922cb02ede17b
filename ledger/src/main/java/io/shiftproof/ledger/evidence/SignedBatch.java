package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.merkle.Hash;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform batch as the hub received it, with what its platform signed: {@code context || 0x00 ||
 * bodySha256 || eventsRoot} (docs/design.md §8.2), under the key of the client certificate the
 * batch came with.
 *
 * @param eventCount the number of elements of the batch's events array: the size of the tree whose
 *     root is {@code eventsRoot}
 * @param signatureState {@code VALID}, or {@code MISSING} / {@code INVALID} for a batch a gateway
 *     in warn mode took without a valid signature
 */
public record SignedBatch(
    String platform,
    String batchId,
    Instant receivedAt,
    Hash bodySha256,
    Hash eventsRoot,
    long eventCount,
    String signatureState,
    String signatureContext,
    Optional<byte[]> signature,
    X509Certificate certificate) {

  public SignedBatch {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(bodySha256, "bodySha256");
    Objects.requireNonNull(eventsRoot, "eventsRoot");
    Objects.requireNonNull(signatureState, "signatureState");
    Objects.requireNonNull(signatureContext, "signatureContext");
    Objects.requireNonNull(certificate, "certificate");
    signature = signature.map(byte[]::clone);
  }

  /** How bundles name the batch: platform and batch id, which only together are unique. */
  public String key() {
    return platform + "/" + batchId;
  }
}

package io.shiftproof.ledger.crypto;

import io.shiftproof.ledger.merkle.Hash;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform batch as the hub stored it, reduced to what proves any one of its events: the body's
 * hash and events root the platform signed ({@code BatchSignature}), the signature, and the
 * certificate it was checked against. The body itself is not needed, so no other event is shown.
 *
 * @param receivedAt when the hub received the batch: the time the certificate is judged valid at
 * @param signature the DER signature; empty when the batch came unsigned (warn mode only)
 * @param signatureState how the hub's check came out when it took the batch: {@code VALID}, {@code
 *     MISSING} or {@code INVALID} (the last two from a gateway in warn mode)
 * @param signatureContext the context string the signature was checked under
 * @param certificateDer the platform's client certificate, DER
 */
public record SignedBatch(
    String platform,
    String batchId,
    Instant receivedAt,
    Hash bodySha256,
    Hash eventsRoot,
    Optional<byte[]> signature,
    String signatureState,
    String signatureContext,
    byte[] certificateDer) {

  public SignedBatch {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(bodySha256, "bodySha256");
    Objects.requireNonNull(eventsRoot, "eventsRoot");
    signature = Objects.requireNonNull(signature, "signature").map(byte[]::clone);
    Objects.requireNonNull(signatureState, "signatureState");
    Objects.requireNonNull(signatureContext, "signatureContext");
    certificateDer = Objects.requireNonNull(certificateDer, "certificateDer").clone();
  }

  @Override
  public Optional<byte[]> signature() {
    return signature.map(byte[]::clone);
  }

  @Override
  public byte[] certificateDer() {
    return certificateDer.clone();
  }
}

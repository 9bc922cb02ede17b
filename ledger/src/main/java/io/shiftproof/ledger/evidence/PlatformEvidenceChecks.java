package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.P256;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.ledger.merkle.VerificationResult;
import io.shiftproof.schemas.wire.Rfc3339;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What ties an event to its platform's word (docs/evidence-format.md §1.3), checked the same way by
 * the builder, which refuses to sign what would not verify, and by the verifier, which names what
 * failed. Each method answers why the part is not sound, or empty when it is.
 */
final class PlatformEvidenceChecks {
  private PlatformEvidenceChecks() {}

  /**
   * The batch's signature: the platform signed it (not a warn-mode batch), under the batch context,
   * with the key of a platform certificate of that platform; with a CA, the certificate chains to
   * it at the time the hub received the batch.
   */
  static Optional<String> signature(SignedBatch batch, Optional<X509Certificate> trustedCa) {
    if (!batch.signatureState().equals("VALID") || batch.signature().isEmpty()) {
      return Optional.of(
          "signatureState: got "
              + batch.signatureState()
              + ": the hub took this batch without a valid platform signature (warn mode), so"
              + " only its TLS connection vouches for these events");
    }
    String context = SignatureContext.PLATFORM_BATCH.context();
    if (!batch.signatureContext().equals(context)) {
      return Optional.of(
          "signatureContext: got \"" + batch.signatureContext() + "\", want \"" + context + "\"");
    }
    X509Certificate certificate = batch.certificate();
    Optional<OrganisationIdentity> identity = OrganisationIdentity.fromCertificate(certificate);
    if (identity.isEmpty()
        || identity.get().role() != Role.PLATFORM
        || !identity.get().organisation().equals(batch.platform())) {
      return Optional.of(
          "certificate: "
              + certificate.getSubjectX500Principal().getName()
              + " is not a platform certificate of "
              + batch.platform()
              + " (want CN="
              + batch.platform()
              + ", OU=platform)");
    }
    if (trustedCa.isPresent()) {
      Optional<String> chain =
          HubCertificates.validate(List.of(certificate), trustedCa.get(), batch.receivedAt());
      if (chain.isPresent()) {
        return Optional.of("certificate: " + chain.get());
      }
    }
    if (!P256.isP256(certificate.getPublicKey())) {
      return Optional.of("certificate: its key is not EC P-256");
    }
    boolean verifies =
        EcdsaP256Verifier.fromCertificate(certificate)
            .verify(
                SignatureContext.PLATFORM_BATCH,
                signedBytes(batch.bodySha256(), batch.eventsRoot()),
                batch.signature().get());
    return verifies
        ? Optional.empty()
        : Optional.of(
            "signature: does not verify with the certificate's key over \""
                + context
                + "\", 0x00, bodySha256 and eventsRoot");
  }

  /** What a platform signs for a batch, after the context: the body's hash, then the root. */
  static byte[] signedBytes(Hash bodySha256, Hash eventsRoot) {
    byte[] bytes = new byte[2 * Hash.LENGTH];
    System.arraycopy(bodySha256.bytes(), 0, bytes, 0, Hash.LENGTH);
    System.arraycopy(eventsRoot.bytes(), 0, bytes, Hash.LENGTH, Hash.LENGTH);
    return bytes;
  }

  /** The event's leaf, walked up its inclusion path, is its batch's events root. */
  static Optional<String> inclusion(SignedEvent event, Optional<SignedBatch> batch) {
    if (batch.isEmpty()) {
      return Optional.of(
          "platformBatches: has no batch "
              + event.platform()
              + "/"
              + event.batchId()
              + ", want the batch the event names");
    }
    VerificationResult result =
        MerkleVerifier.verifyInclusion(
            TreeHasher.leafHash(event.bytes()),
            new InclusionProof(event.leafIndex(), batch.get().eventCount(), event.inclusionPath()),
            batch.get().eventsRoot());
    return result.failure();
  }

  /**
   * The event's bytes read as an event of the bundle's worker within the window, and {@code
   * readable} (when given) is what they read as.
   */
  static Optional<String> content(
      SignedEvent event,
      Optional<Object> readable,
      String workerRef,
      Instant windowFrom,
      Instant windowTo) {
    Map<?, ?> fields;
    try {
      fields = event.contentType().readable(event.bytes());
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "eventBase64: not one "
              + event.contentType().label()
              + " event ("
              + e.getMessage()
              + ")");
    }
    if (readable.isPresent()) {
      Optional<String> difference = JsonDifference.first("event", readable.get(), fields);
      if (difference.isPresent()) {
        return Optional.of(difference.get() + " (the readable event differs from its bytes)");
      }
    }
    if (!workerRef.equals(fields.get("workerRef"))) {
      return Optional.of(
          "event.workerRef: got " + fields.get("workerRef") + ", want the bundle's " + workerRef);
    }
    Instant at = fields.get("occurredAt") instanceof String text ? Rfc3339.parseOrNull(text) : null;
    if (at == null || at.isBefore(windowFrom) || at.isAfter(windowTo)) {
      return Optional.of(
          "event.occurredAt: got " + fields.get("occurredAt") + ", want an instant in the window");
    }
    return Optional.empty();
  }
}

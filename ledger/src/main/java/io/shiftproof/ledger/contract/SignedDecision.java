package io.shiftproof.ledger.contract;

import java.util.Objects;

/**
 * A decision with the insurer's own signature, so that it is attributable without trusting the hub:
 * whoever holds it checks the signature against the certificate, and the certificate against the
 * hub's CA.
 *
 * @param signature base64 of the DER-encoded ECDSA P-256 signature over {@link
 *     ClaimDecision#signedBytes()}
 * @param signerCertificate base64 of the DER-encoded X.509 certificate of the signing insurer
 */
public record SignedDecision(ClaimDecision decision, String signature, String signerCertificate) {
  public SignedDecision {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(signerCertificate, "signerCertificate");
  }
}

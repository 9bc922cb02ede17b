package io.shiftproof.ledger.decision;

import io.shiftproof.ledger.contract.ClaimDecision;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.Signer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;

/**
 * An insurer's key and certificate, signing its claim decisions (docs/design.md §7): the signature
 * covers {@link ClaimDecision#signedBytes()}, the context string and the canonical decision, and
 * travels with the certificate so that the contract and any later reader can check it without the
 * hub.
 */
public final class InsurerSignature {
  private final Signer signer;
  private final X509Certificate certificate;

  /** An insurer signing with {@code signer}, whose public key {@code certificate} carries. */
  public InsurerSignature(Signer signer, X509Certificate certificate) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.certificate = Objects.requireNonNull(certificate, "certificate");
  }

  /** The decision with this insurer's signature and certificate. */
  public SignedDecision sign(ClaimDecision decision) {
    return new SignedDecision(
        decision,
        Base64.getEncoder()
            .encodeToString(
                signer.sign(SignatureContext.CLAIM_DECISION, decision.canonicalBytes())),
        base64(certificate));
  }

  /** Base64 of a certificate's DER encoding, the form a signed decision carries it in. */
  public static String base64(X509Certificate certificate) {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate: cannot be DER-encoded: " + e, e);
    }
  }
}

package io.shiftproof.gateway.claims;

import io.shiftproof.ledger.contract.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated {@code POST /v1/claims/{id}/decision}: the insurer's decision with its own signature
 * over the canonical decision. The signer's certificate is the one the insurer connected with.
 *
 * @param signature base64 of the DER ECDSA signature over the decision's signed bytes
 * @param signerCertificate base64 of the DER certificate of the caller's TLS session
 */
public record DecisionRequest(
    String claimId,
    Decision decision,
    String evidenceHash,
    String ruleVersion,
    List<String> reasons,
    Instant signedAt,
    String signature,
    String signerCertificate) {
  public DecisionRequest {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(evidenceHash, "evidenceHash");
    Objects.requireNonNull(ruleVersion, "ruleVersion");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(signedAt, "signedAt");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(signerCertificate, "signerCertificate");
  }
}

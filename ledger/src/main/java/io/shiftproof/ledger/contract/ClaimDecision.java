package io.shiftproof.ledger.contract;

import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.crypto.SignatureContext;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An insurer's decision on a claim, as the insurer signs it. The decision cites the evidence it was
 * made on and the rule set applied, so that anyone holding the evidence bundle can check both, and
 * names the deciding insurer and when it signed, so that the same signature cannot be passed off as
 * a later decision.
 *
 * @param evidenceHash the hash of the evidence attached to the claim (64 lower-case hex digits)
 * @param ruleVersion the coverage rule set, e.g. {@code cn-pilot-2022}
 * @param reasons the insurer's reasons, in its own words (may be empty)
 * @param decidedBy the deciding insurer's organisation, the CN of its certificate
 * @param signedAt when the insurer signed, by its own clock; kept to the microsecond
 */
public record ClaimDecision(
    String claimId,
    Decision decision,
    String evidenceHash,
    String ruleVersion,
    List<String> reasons,
    String decidedBy,
    Instant signedAt) {
  public ClaimDecision {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(evidenceHash, "evidenceHash");
    Objects.requireNonNull(ruleVersion, "ruleVersion");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(decidedBy, "decidedBy");
    signedAt = signedAt.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The RFC 8785 canonical JSON of the decision: {@code {claimId, decidedBy, decision,
   * evidenceHash, reasons, ruleVersion, signedAtMicros}}.
   */
  public byte[] canonicalBytes() {
    return CanonicalJson.canonical(
        Map.of(
            "claimId", claimId,
            "decision", decision.name(),
            "evidenceHash", evidenceHash,
            "ruleVersion", ruleVersion,
            "reasons", reasons,
            "decidedBy", decidedBy,
            "signedAtMicros", BigInteger.valueOf(ContractJson.micros(signedAt))));
  }

  /**
   * What the insurer signs: {@link #canonicalBytes()} in the {@link
   * SignatureContext#CLAIM_DECISION} context, so that a decision signature can never be taken for a
   * signature over another kind of message, nor the reverse.
   */
  public byte[] signedBytes() {
    return SignatureContext.CLAIM_DECISION.frame(canonicalBytes());
  }
}

package io.shiftproof.ledger.contract;

import java.util.Objects;

/**
 * What {@code DecideClaim} writes. The decision cites the evidence it was made on and the rule set
 * applied, so that anyone holding the evidence bundle can check both.
 *
 * @param evidenceHash the hash of the evidence attached to the claim (64 lower-case hex digits)
 * @param ruleVersion the coverage rule set, e.g. {@code cn-pilot-2022}
 */
public record ClaimDecision(
    String claimId, Decision decision, String evidenceHash, String ruleVersion) {
  public ClaimDecision {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(evidenceHash, "evidenceHash");
    Objects.requireNonNull(ruleVersion, "ruleVersion");
  }
}

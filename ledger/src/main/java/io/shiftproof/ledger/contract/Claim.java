package io.shiftproof.ledger.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A claim as the ledger holds it. Every change is a ledger transaction, so the ledger's history of
 * the claim's key is its audit trail.
 *
 * @param workerRef the worker's pseudonym
 * @param incidentAt when the incident happened
 * @param cell the coarse location cell, if reported
 * @param reportedBy the organisation that reported the incident
 * @param evidenceHash the hash of the frozen evidence bundle (64 lower-case hex digits), once
 *     attached
 * @param decision the insurer's decision, once decided
 * @param ruleVersion the coverage rule set the decision applied, e.g. {@code cn-pilot-2022}
 * @param decidedBy the organisation that decided
 * @param paymentRef the insurer's payment reference, once paid
 * @param reportedAt the timestamp of the reporting transaction
 * @param updatedAt the timestamp of the latest transaction on the claim
 */
public record Claim(
    String claimId,
    String workerRef,
    Instant incidentAt,
    Optional<String> cell,
    String reportedBy,
    ClaimStatus status,
    Optional<String> evidenceHash,
    Optional<Decision> decision,
    Optional<String> ruleVersion,
    Optional<String> decidedBy,
    Optional<String> paymentRef,
    Instant reportedAt,
    Instant updatedAt) {
  public Claim {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(incidentAt, "incidentAt");
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(reportedBy, "reportedBy");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evidenceHash, "evidenceHash");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(ruleVersion, "ruleVersion");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(paymentRef, "paymentRef");
    Objects.requireNonNull(reportedAt, "reportedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** This claim with new evidence attached; an earlier request for more information is answered. */
  Claim withEvidence(String hash, Instant at) {
    return new Claim(
        claimId,
        workerRef,
        incidentAt,
        cell,
        reportedBy,
        ClaimStatus.EVIDENCE_ATTACHED,
        Optional.of(hash),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        paymentRef,
        reportedAt,
        at);
  }

  /** This claim decided. */
  Claim withDecision(Decision outcome, String rule, String decider, Instant at) {
    return new Claim(
        claimId,
        workerRef,
        incidentAt,
        cell,
        reportedBy,
        ClaimStatus.DECIDED,
        evidenceHash,
        Optional.of(outcome),
        Optional.of(rule),
        Optional.of(decider),
        paymentRef,
        reportedAt,
        at);
  }

  /** This claim paid. */
  Claim withPayment(String reference, Instant at) {
    return new Claim(
        claimId,
        workerRef,
        incidentAt,
        cell,
        reportedBy,
        ClaimStatus.PAID,
        evidenceHash,
        decision,
        ruleVersion,
        decidedBy,
        Optional.of(reference),
        reportedAt,
        at);
  }
}

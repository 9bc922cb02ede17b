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
 * @param assignment who must decide, worked out when the evidence was attached ({@link
 *     ClaimAssignment#NONE} before)
 * @param decision the insurer's decision, once decided
 * @param ruleVersion the coverage rule set the decision applied, e.g. {@code cn-pilot-2022}
 * @param decidedBy the organisation that decided
 * @param signedDecision the decision as its insurer signed it, once decided
 * @param paymentRef the insurer's payment reference, once paid
 * @param paidAmountFen the amount paid in fen (¥0.01), once paid
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
    ClaimAssignment assignment,
    Optional<Decision> decision,
    Optional<String> ruleVersion,
    Optional<String> decidedBy,
    Optional<SignedDecision> signedDecision,
    Optional<String> paymentRef,
    Optional<Long> paidAmountFen,
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
    Objects.requireNonNull(assignment, "assignment");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(ruleVersion, "ruleVersion");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(signedDecision, "signedDecision");
    Objects.requireNonNull(paymentRef, "paymentRef");
    Objects.requireNonNull(paidAmountFen, "paidAmountFen");
    Objects.requireNonNull(reportedAt, "reportedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A claim just reported. */
  static Claim reported(IncidentReport report, String reporter, Instant at) {
    return new Claim(
        report.claimId(),
        report.workerRef(),
        report.incidentAt(),
        report.cell(),
        reporter,
        ClaimStatus.REPORTED,
        Optional.empty(),
        ClaimAssignment.NONE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        at,
        at);
  }

  /** This claim with new evidence attached; an earlier request for more information is answered. */
  Claim withEvidence(String hash, ClaimAssignment newAssignment, Instant at) {
    return new Claim(
        claimId,
        workerRef,
        incidentAt,
        cell,
        reportedBy,
        ClaimStatus.EVIDENCE_ATTACHED,
        Optional.of(hash),
        newAssignment,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        paymentRef,
        paidAmountFen,
        reportedAt,
        at);
  }

  /** This claim decided. */
  Claim withDecision(SignedDecision signed, Instant at) {
    ClaimDecision d = signed.decision();
    return new Claim(
        claimId,
        workerRef,
        incidentAt,
        cell,
        reportedBy,
        ClaimStatus.DECIDED,
        evidenceHash,
        assignment,
        Optional.of(d.decision()),
        Optional.of(d.ruleVersion()),
        Optional.of(d.decidedBy()),
        Optional.of(signed),
        paymentRef,
        paidAmountFen,
        reportedAt,
        at);
  }

  /** This claim paid. */
  Claim withPayment(ClaimPayment payment, Instant at) {
    return new Claim(
        claimId,
        workerRef,
        incidentAt,
        cell,
        reportedBy,
        ClaimStatus.PAID,
        evidenceHash,
        assignment,
        decision,
        ruleVersion,
        decidedBy,
        signedDecision,
        Optional.of(payment.paymentRef()),
        Optional.of(payment.amountFen()),
        reportedAt,
        at);
  }
}

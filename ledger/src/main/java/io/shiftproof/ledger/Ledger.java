package io.shiftproof.ledger;

import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.contract.Claim;
import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.EvidenceAttachment;
import io.shiftproof.ledger.contract.IncidentReport;
import io.shiftproof.ledger.contract.Policy;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.contract.SignedDecision;

/**
 * The ledger contract of docs/design.md §6, whichever ledger runs it: the hub's hash-chained log in
 * PostgreSQL, or Hyperledger Fabric. Both run the same contract logic ({@code
 * io.shiftproof.ledger.contract}), so they accept and refuse the same transactions.
 *
 * <p>Every method blocks until the transaction has committed or failed; failures are {@link
 * LedgerException}s with the contract's code, retriable ones marked.
 *
 * <p>Backends live in subpackages ({@code postgres}); {@link io.shiftproof.ledger.backend.Ledgers}
 * opens the one the {@code ledger.kind} setting names, and no other code names a backend.
 */
public interface Ledger extends LedgerReader, AutoCloseable {
  /**
   * {@code AnchorBatch}. Idempotent: anchoring a batch id that is already anchored with the same
   * root and size returns the existing anchor and where it was committed; with other content it is
   * refused ({@code ANCHOR_CONFLICT}).
   */
  Committed<Anchor> anchorBatch(AnchorRequest request);

  /**
   * {@code ReportIncident}: opens a claim; a claim id already used is refused ({@code
   * CLAIM_EXISTS}).
   */
  Committed<Claim> reportIncident(IncidentReport report);

  /**
   * {@code AttachEvidence}: the hash (64 lower-case hex digits) of the claim's frozen evidence, and
   * the platforms it makes answerable, from which the contract assigns the claim.
   */
  Committed<Claim> attachEvidence(EvidenceAttachment attachment);

  /**
   * {@code DecideClaim}: an assigned insurer's signed decision, citing the attached evidence and a
   * rule version.
   */
  Committed<Claim> decideClaim(SignedDecision decision);

  /** {@code MarkPaid}: the payment of an approved claim by the insurer that approved it. */
  Committed<Claim> markPaid(ClaimPayment payment);

  /** {@code RegisterPolicy}: an insurer offers a platform cover. */
  Committed<Policy> registerPolicy(PolicyTerms terms);

  /** {@code AcceptPolicy}: the covered platform (or an admin) puts a policy in force. */
  Committed<Policy> acceptPolicy(String policyId);

  /**
   * This ledger, submitting and evaluating for another organisation that the hub has authenticated
   * (by its client certificate). The hub's gateway serves many organisations over one ledger
   * connection: each request's transactions run as the caller, so the contract's role checks apply
   * to the caller and its ledger entries name it. The returned ledger shares this one's resources;
   * closing it closes nothing.
   *
   * @param role one of {@code io.shiftproof.ledger.contract.ContractRoles#ALL}
   */
  Ledger onBehalfOf(String organisation, String role);

  /** {@code LogAccess}: one entry of the worker-visible access-transparency log. */
  Committed<AccessLogEntry> logAccess(AccessRecord access);

  @Override
  void close();
}

package io.shiftproof.ledger.fabric;

import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.ChainVerification;
import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.SignedLedgerHead;
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
import io.shiftproof.ledger.crypto.Verifier;
import java.util.List;
import java.util.Optional;

/**
 * A Fabric ledger lent out by {@link FabricLedger#onBehalfOf}: every call goes to the owner's
 * connection, and closing it closes nothing, the owner closing the connection when it closes.
 */
final class BorrowedLedger implements Ledger {
  private final FabricLedger owner;

  BorrowedLedger(FabricLedger owner) {
    this.owner = owner;
  }

  @Override
  public String kind() {
    return owner.kind();
  }

  @Override
  public Committed<Anchor> anchorBatch(AnchorRequest request) {
    return owner.anchorBatch(request);
  }

  @Override
  public Committed<Claim> reportIncident(IncidentReport report) {
    return owner.reportIncident(report);
  }

  @Override
  public Committed<Claim> attachEvidence(EvidenceAttachment attachment) {
    return owner.attachEvidence(attachment);
  }

  @Override
  public Committed<Claim> decideClaim(SignedDecision decision) {
    return owner.decideClaim(decision);
  }

  @Override
  public Committed<Claim> markPaid(ClaimPayment payment) {
    return owner.markPaid(payment);
  }

  @Override
  public Committed<Policy> registerPolicy(PolicyTerms terms) {
    return owner.registerPolicy(terms);
  }

  @Override
  public Committed<Policy> acceptPolicy(String policyId) {
    return owner.acceptPolicy(policyId);
  }

  @Override
  public Ledger onBehalfOf(String organisation, String role) {
    return owner.onBehalfOf(organisation, role);
  }

  @Override
  public Committed<AccessLogEntry> logAccess(AccessRecord access) {
    return owner.logAccess(access);
  }

  @Override
  public Optional<Anchor> anchor(String batchId) {
    return owner.anchor(batchId);
  }

  @Override
  public Optional<Anchor> head(String chain) {
    return owner.head(chain);
  }

  @Override
  public Optional<Claim> claim(String claimId) {
    return owner.claim(claimId);
  }

  @Override
  public List<Committed<Claim>> claimHistory(String claimId) {
    return owner.claimHistory(claimId);
  }

  @Override
  public Optional<Policy> policy(String policyId) {
    return owner.policy(policyId);
  }

  @Override
  public List<Policy> policies() {
    return owner.policies();
  }

  @Override
  public Optional<AnchorAttestation> anchorAttestation(LedgerRef committedAt) {
    return owner.anchorAttestation(committedAt);
  }

  @Override
  public Optional<ChainVerification> verifyChain(Verifier hubKey, VerifiedEntries verified) {
    return owner.verifyChain(hubKey, verified);
  }

  @Override
  public Optional<SignedLedgerHead> signedHead() {
    return owner.signedHead();
  }

  /** Nothing: the connection is the owner's. */
  @Override
  public void close() {}
}

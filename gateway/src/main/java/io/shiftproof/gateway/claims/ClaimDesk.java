package io.shiftproof.gateway.claims;

import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What the claims and policies routes ask of the hub (docs/design.md §7.4). Every method blocks
 * (ledger, PostgreSQL, signing) and fails with an {@code ApiException} for a refusal the caller can
 * act on.
 */
public interface ClaimDesk {
  /** Every policy on the ledger. */
  JsonObject policies(OrganisationIdentity caller);

  /** Registers the caller's policy. */
  JsonObject registerPolicy(OrganisationIdentity caller, PolicyTerms terms);

  /** Accepts a policy as its platform or an admin. */
  JsonObject acceptPolicy(OrganisationIdentity caller, String policyId);

  /** Opens a claim (or returns the one the reference already opened), its evidence frozen. */
  JsonObject report(OrganisationIdentity caller, ClaimReport report);

  /** The claims the caller may see, newest first. */
  JsonObject claims(OrganisationIdentity caller, int limit);

  /** One claim with its status history. */
  JsonObject claim(OrganisationIdentity caller, String claimId);

  /** Freezes the claim's evidence again, e.g. after a decision asked for more information. */
  JsonObject refreeze(OrganisationIdentity caller, String claimId);

  /**
   * A frozen evidence bundle of the claim, as stored: the current one, or the one with {@code
   * evidenceHash} (the one frozen at the report, say) when given.
   */
  byte[] evidence(OrganisationIdentity caller, String claimId, Optional<String> evidenceHash);

  /** The assigned insurer's signed decision. */
  JsonObject decide(OrganisationIdentity caller, DecisionRequest request);

  /** The payment of an approved claim by the insurer that approved it. */
  JsonObject pay(OrganisationIdentity caller, ClaimPayment payment);

  /** The worker's own claims, newest incident first. */
  JsonObject workerClaims(String workerRef);

  /** One of the worker's own claims with its status history; another's is not found. */
  JsonObject workerClaim(String workerRef, String claimId);

  /** The frozen evidence of one of the worker's own claims. */
  byte[] workerEvidence(String workerRef, String claimId);
}

package io.shiftproof.gateway.claims;

import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Claim;
import io.shiftproof.ledger.contract.Policy;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.schemas.wire.Rfc3339;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.Optional;

/** The JSON answers of the claims and policies routes (docs/design.md §7.4). */
final class ClaimJson {
  private ClaimJson() {}

  static JsonObject policy(Policy policy, ZoneId zone) {
    return new JsonObject()
        .put("policyId", policy.terms().policyId())
        .put("insurer", policy.terms().insurer())
        .put("platform", policy.terms().platform())
        .put("validFrom", Rfc3339.format(policy.terms().validFrom(), zone))
        .put("validTo", Rfc3339.format(policy.terms().validTo(), zone))
        .put("premiumPerOrderFen", policy.terms().premiumPerOrderFen())
        .put("status", policy.status().name())
        .put("acceptedBy", policy.acceptedBy().orElse(null))
        .put("registeredAt", Rfc3339.format(policy.registeredAt(), zone))
        .put("acceptedAt", policy.acceptedAt().map(t -> Rfc3339.format(t, zone)).orElse(null));
  }

  static JsonObject claim(
      Claim claim,
      Optional<JsonObject> decisionSupport,
      Optional<ClaimStore.StoredReport> report,
      ZoneId zone) {
    JsonObject json =
        new JsonObject()
            .put("claimId", claim.claimId())
            .put("workerRef", claim.workerRef())
            .put("incidentAt", Rfc3339.format(claim.incidentAt(), zone))
            .put("cell", claim.cell().orElse(null))
            .put("category", report.flatMap(ClaimStore.StoredReport::category).orElse(null))
            .put("reportedBy", claim.reportedBy())
            .put("status", claim.status().name())
            .put("evidenceHash", claim.evidenceHash().orElse(null))
            .put("platforms", new JsonArray(claim.assignment().platforms()))
            .put("assignedInsurers", new JsonArray(claim.assignment().insurers()))
            .put("coverageGaps", new JsonArray(claim.assignment().coverageGaps()))
            .put("decisionSupport", decisionSupport.orElse(null))
            .put("decision", claim.signedDecision().map(d -> decision(d, zone)).orElse(null))
            .put(
                "payment",
                claim
                    .paymentRef()
                    .map(
                        ref ->
                            new JsonObject()
                                .put("paymentRef", ref)
                                .put("amountFen", claim.paidAmountFen().orElse(0L)))
                    .orElse(null))
            .put("reportedAt", Rfc3339.format(claim.reportedAt(), zone))
            .put("updatedAt", Rfc3339.format(claim.updatedAt(), zone));
    return json;
  }

  static JsonObject decision(SignedDecision signed, ZoneId zone) {
    return new JsonObject()
        .put("decision", signed.decision().decision().name())
        .put("decidedBy", signed.decision().decidedBy())
        .put("ruleVersion", signed.decision().ruleVersion())
        .put("evidenceHash", signed.decision().evidenceHash())
        .put("reasons", new JsonArray(signed.decision().reasons()))
        .put("signedAt", Rfc3339.format(signed.decision().signedAt(), zone))
        .put("signature", signed.signature())
        .put("signerCertificate", signed.signerCertificate());
  }

  static JsonObject summary(ClaimIndexRow row, ZoneId zone) {
    return new JsonObject()
        .put("claimId", row.claimId())
        .put("workerRef", row.workerRef())
        .put("incidentAt", Rfc3339.format(row.incidentAt(), zone))
        .put("reportedBy", row.reportedBy())
        .put("status", row.status())
        .put("decision", row.decision().orElse(null))
        .put("assignedInsurers", new JsonArray(row.assignedInsurers()))
        .put("evidenceHash", row.evidenceHash().orElse(null))
        .put("updatedAt", Rfc3339.format(row.updatedAt(), zone));
  }

  static JsonObject historyStep(Committed<Claim> step, ZoneId zone) {
    Claim claim = step.value();
    return new JsonObject()
        .put("status", claim.status().name())
        .put("decision", claim.decision().map(Enum::name).orElse(null))
        .put("evidenceHash", claim.evidenceHash().orElse(null))
        .put("at", Rfc3339.format(claim.updatedAt(), zone))
        .put("ledger", ledgerRef(step.ref()));
  }

  static JsonObject ledgerRef(LedgerRef ref) {
    return new JsonObject()
        .put("kind", ref.kind())
        .put("channel", ref.channel())
        .put("contract", ref.contract())
        .put("txId", ref.txId())
        .put("position", ref.position());
  }
}

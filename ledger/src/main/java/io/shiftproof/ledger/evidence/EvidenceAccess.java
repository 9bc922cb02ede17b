package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.contract.AccessRecord;
import io.shiftproof.schemas.wire.Rfc3339;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asks for a bundle and for which claim, and the access-log entry that says so
 * (docs/evidence-format.md §1, {@code request}). The hub writes this entry before it builds the
 * bundle; the bundle names it, carries it signed, and takes its time from it, so a bundle is bound
 * to who asked and when as the ledger recorded it, never to a time the signer declares.
 *
 * @param requester the organisation that asked, from its client certificate
 * @param claimId the claim the evidence is for, when the request named one
 */
public record EvidenceAccess(String requester, Optional<String> claimId) {
  /** The purpose an evidence request is logged under, without a claim. */
  public static final String PURPOSE = "evidence";

  public EvidenceAccess {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(claimId, "claimId");
  }

  /**
   * What {@code LogAccess} records for this request: accessor the requester; purpose {@code
   * evidence}, or {@code evidence for claim <claimId>}; resource {@code incident <incidentAt>} in
   * the hub's zone. The builder and the verifier rebuild it to compare with the signed entry.
   */
  public AccessRecord accessRecord(EvidenceRequest request) {
    return new AccessRecord(
        requester,
        request.workerRef(),
        claimId.map(id -> PURPOSE + " for claim " + id).orElse(PURPOSE),
        "incident " + Rfc3339.format(request.incidentAt(), request.zone()));
  }
}

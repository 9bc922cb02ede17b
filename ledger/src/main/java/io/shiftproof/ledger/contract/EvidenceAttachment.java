package io.shiftproof.ledger.contract;

import java.util.List;
import java.util.Objects;

/**
 * What {@code AttachEvidence} writes: the frozen evidence's hash and the platforms it makes
 * answerable, from which the contract assigns the claim by the policies in force.
 *
 * @param evidenceHash the SHA-256 of the frozen bundle, 64 lower-case hex digits
 * @param platforms the platforms the coverage rules name (liable, or candidates for review)
 */
public record EvidenceAttachment(String claimId, String evidenceHash, List<String> platforms) {
  public EvidenceAttachment {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(evidenceHash, "evidenceHash");
    platforms = List.copyOf(platforms);
  }
}

package io.shiftproof.ledger.contract;

import java.util.List;

/**
 * Who must decide a claim, as {@code AttachEvidence} worked it out from the policies on the ledger.
 *
 * @param platforms the platforms the evidence makes answerable (liable, or candidates for review),
 *     sorted
 * @param insurers the insurers with a policy in force for one of them at the incident, sorted
 * @param coverageGaps the platforms among them with no policy in force at the incident, sorted
 */
public record ClaimAssignment(
    List<String> platforms, List<String> insurers, List<String> coverageGaps) {
  /** A claim before its evidence is attached: nobody is assigned yet. */
  public static final ClaimAssignment NONE = new ClaimAssignment(List.of(), List.of(), List.of());

  public ClaimAssignment {
    platforms = List.copyOf(platforms);
    insurers = List.copyOf(insurers);
    coverageGaps = List.copyOf(coverageGaps);
  }
}

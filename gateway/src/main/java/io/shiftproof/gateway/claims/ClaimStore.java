package io.shiftproof.gateway.claims;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hub's own tables for claims (docs/design.md §7.4): reports by their reporter's reference,
 * content-addressed evidence bundles, each freeze of a claim's evidence, and the index of claims
 * that purpose binding reads. The ledger holds the claims themselves.
 */
public interface ClaimStore {
  /** A report as first received. */
  record StoredReport(
      String reporter,
      String reference,
      String claimId,
      String workerRef,
      Optional<String> category,
      byte[] requestHash) {}

  /** One freeze of a claim's evidence. */
  record Freeze(String claimId, String evidenceHash, Instant frozenAt, String decisionSupport) {}

  /**
   * Records a report unless its reporter already used the reference; either way returns the report
   * the reference stands for.
   */
  StoredReport recordReport(StoredReport report, Instant at);

  /** The report behind a claim id. */
  Optional<StoredReport> reportOf(String claimId);

  /** Stores a bundle under its hash; a bundle already stored is kept as it is. */
  void storeBundle(String evidenceHash, byte[] bundle, Instant at);

  /** The bundle stored under a hash. */
  Optional<byte[]> bundle(String evidenceHash);

  /** Records a freeze; the same evidence frozen again for the claim is kept as first recorded. */
  void recordFreeze(Freeze freeze);

  /** Every freeze of a claim, oldest first: the first holds what was known at the report. */
  List<Freeze> freezes(String claimId);

  /** The freeze of this evidence for this claim. */
  Optional<Freeze> freeze(String claimId, String evidenceHash);

  /** Writes the index row of a claim as the ledger now holds it. */
  void index(ClaimIndexRow row);

  /** The claims of a worker, newest incident first. */
  List<ClaimIndexRow> claimsOfWorker(String workerRef);

  /** Every indexed claim an organisation may list: assigned to it, reported by it, or naming it. */
  List<ClaimIndexRow> claimsVisibleTo(String organisation, int limit);

  /** Every indexed claim, newest first, for the operator. */
  List<ClaimIndexRow> allClaims(int limit);
}

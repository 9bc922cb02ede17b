package io.shiftproof.gateway.claims;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A claim as the hub indexes it for lookups and purpose binding: a projection of the ledger's
 * claim, rewritten after each transaction on it.
 *
 * @param windowFromDay the first local day of the claim's evidence window [t − 2 h, t + 2 h]
 * @param windowToDay the last local day of that window
 */
public record ClaimIndexRow(
    String claimId,
    String workerRef,
    Instant incidentAt,
    LocalDate windowFromDay,
    LocalDate windowToDay,
    String reportedBy,
    String status,
    Optional<String> decision,
    List<String> platforms,
    List<String> assignedInsurers,
    Optional<String> evidenceHash,
    Instant updatedAt) {
  public ClaimIndexRow {
    platforms = List.copyOf(platforms);
    assignedInsurers = List.copyOf(assignedInsurers);
  }

  /** Whether the claim's window holds the local day {@code day}. */
  public boolean windowHolds(LocalDate day) {
    return !day.isBefore(windowFromDay) && !day.isAfter(windowToDay);
  }
}

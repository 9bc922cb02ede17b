package io.shiftproof.ledger.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code ReportIncident} writes: the one-tap report that opens a claim.
 *
 * @param claimId unique per claim, chosen by the reporter
 * @param workerRef the worker's pseudonym
 * @param incidentAt when the incident happened
 * @param cell the coarse location cell, if known
 */
public record IncidentReport(
    String claimId, String workerRef, Instant incidentAt, Optional<String> cell) {
  public IncidentReport {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(incidentAt, "incidentAt");
    Objects.requireNonNull(cell, "cell");
  }
}

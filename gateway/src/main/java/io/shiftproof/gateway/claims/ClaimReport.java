package io.shiftproof.gateway.claims;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code POST /v1/claims}: the one-tap report of an incident.
 *
 * @param reference the reporter's own reference, unique per reporter: a resend returns the claim it
 *     already opened
 * @param cell the coarse location, a geohash of at most 6 characters
 * @param category what happened, one of {@link ClaimsHandler#CATEGORIES}
 */
public record ClaimReport(
    String reference,
    String workerRef,
    Instant incidentAt,
    Optional<String> cell,
    Optional<String> category) {
  public ClaimReport {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(incidentAt, "incidentAt");
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(category, "category");
  }
}

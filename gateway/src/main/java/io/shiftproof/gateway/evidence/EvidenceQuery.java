package io.shiftproof.gateway.evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code POST /v1/evidence}: whose evidence, for which incident, who asks (the
 * organisation from the caller's certificate) and for which claim, when the request names one. The
 * requester and the claim are written to the access log and bound into the bundle.
 */
public record EvidenceQuery(
    String workerRef, Instant incidentAt, String requestedBy, Optional<String> claimId) {
  public EvidenceQuery {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(incidentAt, "incidentAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(claimId, "claimId");
  }

  /** A request that names no claim. */
  public EvidenceQuery(String workerRef, Instant incidentAt, String requestedBy) {
    this(workerRef, incidentAt, requestedBy, Optional.empty());
  }
}

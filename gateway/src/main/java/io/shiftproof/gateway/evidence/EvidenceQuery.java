package io.shiftproof.gateway.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated {@code POST /v1/evidence}: whose evidence, for which incident, and who asks (the
 * organisation from the caller's certificate, written to the access log).
 */
public record EvidenceQuery(String workerRef, Instant incidentAt, String requestedBy) {
  public EvidenceQuery {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(incidentAt, "incidentAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
  }
}

package io.shiftproof.schemas.wire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A request, sent through the {@code work-events} topic keyed by the worker's pseudonym, to seal an
 * interim version of one of the worker's days now (docs/design.md §5): evidence for an incident
 * must not wait for the day to settle. Travelling with the worker's events, it is applied after
 * every event the hub accepted for that worker before it.
 *
 * @param day the local day in the hub's working-time zone
 * @param requestedBy the organisation whose request caused it
 */
public record SealRequest(
    String workerRef, LocalDate day, String requestId, String requestedBy, Instant requestedAt) {
  public SealRequest {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }
}

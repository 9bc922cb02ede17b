package io.shiftproof.ledger.evidence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What evidence is asked for: one worker's working time around an incident (docs/design.md §7).
 *
 * @param workerRef the worker's pseudonymous reference
 * @param incidentAt the reported incident instant {@code t}
 * @param zone the hub's zone, in which the day records' local days and the bundle's times are read
 */
public record EvidenceRequest(String workerRef, Instant incidentAt, ZoneId zone) {
  /** Evidence covers {@code [t - 2 h, t + 2 h]}, the window frozen when a claim is reported. */
  public static final Duration WINDOW_HALF_WIDTH = Duration.ofHours(2);

  public EvidenceRequest {
    Objects.requireNonNull(workerRef, "workerRef");
    Objects.requireNonNull(incidentAt, "incidentAt");
    Objects.requireNonNull(zone, "zone");
  }

  /** The start of the evidence window, {@code t - 2 h}. */
  public Instant windowFrom() {
    return incidentAt.minus(WINDOW_HALF_WIDTH);
  }

  /** The end of the evidence window, {@code t + 2 h}. */
  public Instant windowTo() {
    return incidentAt.plus(WINDOW_HALF_WIDTH);
  }
}

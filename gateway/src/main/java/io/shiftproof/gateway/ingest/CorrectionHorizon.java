package io.shiftproof.gateway.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The stream job's rule for events that come too late to change anything (docs/design.md §5): a day
 * settles at its local end plus the silence timeout and takes corrections for the correction
 * horizon after that; an event that could change a day past its horizon is stored as {@code
 * TOO_LATE} and changes no record. An event can change the days its instant, less and plus the
 * silence timeout, falls on; the earliest of them leaves its horizon first.
 *
 * <p>The gateway applies the rule against the job's committed watermark, which only moves forward
 * and is never ahead of the job's own: what the gateway calls too late, the job will too. An event
 * the job finds too late only because its watermark has moved on since the last commit is still
 * listed in {@code /v1/late-events}.
 *
 * @param zone the job's working-time zone, which decides the local days
 * @param silenceTimeout how long after a session's last event it is taken as closed
 * @param horizon how long a settled day still takes corrections
 */
public record CorrectionHorizon(ZoneId zone, Duration silenceTimeout, Duration horizon) {

  /**
   * Whether an event at {@code occurredAt} is too late once the job's watermark is at {@code
   * watermark}.
   */
  public boolean tooLate(Instant occurredAt, Instant watermark) {
    return !closesAt(occurredAt).isAfter(watermark);
  }

  /** When the earliest day an event at {@code occurredAt} could change stops taking corrections. */
  public Instant closesAt(Instant occurredAt) {
    LocalDate earliest = LocalDate.ofInstant(occurredAt.minus(silenceTimeout), zone);
    return earliest.plusDays(1).atStartOfDay(zone).toInstant().plus(silenceTimeout).plus(horizon);
  }
}

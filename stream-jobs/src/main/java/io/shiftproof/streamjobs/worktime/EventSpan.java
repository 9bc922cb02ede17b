package io.shiftproof.streamjobs.worktime;

import java.time.Instant;
import java.util.Set;

/**
 * The events that shaped one online episode of a session {@code [from, to)}, or, for an event that
 * found its session closed, that single event ({@code from == to}). Used for lineage.
 */
record EventSpan(Instant from, Instant to, Set<SourceEvent> events) {

  /** Whether this span contributed to the half-open day {@code [dayStart, dayEnd)}. */
  boolean touches(Instant dayStart, Instant dayEnd) {
    return from.isBefore(dayEnd) && (to.isAfter(dayStart) || !from.isBefore(dayStart));
  }
}

package io.shiftproof.streamjobs.worktime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What replaying sessions up to a watermark yields: state intervals, anomaly flags and lineage
 * spans, and what the watermark leaves open.
 *
 * @param undecidedFrom the earliest last event of a session still open at the watermark (its
 *     silence timeout not passed): from there on, what the session did depends on whether it sends
 *     another event in time, so nothing later is known yet
 * @param silenceClosure the earliest instant at which a session open at the watermark closes by
 *     silence if no event keeps it alive, leaving out sessions whose next event, already held back,
 *     comes before that
 * @param nextHeldBack the earliest event at or after the watermark, held back until the watermark
 *     passes it
 */
record SessionOutcome(
    List<StateInterval> intervals,
    List<Anomaly> anomalies,
    List<EventSpan> spans,
    Optional<Instant> undecidedFrom,
    Optional<Instant> silenceClosure,
    Optional<Instant> nextHeldBack) {}

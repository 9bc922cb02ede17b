package io.shiftproof.streamjobs.worktime;

import java.util.List;

/** What replaying sessions yields: state intervals, anomaly flags and lineage spans. */
record SessionOutcome(
    List<StateInterval> intervals, List<Anomaly> anomalies, List<EventSpan> spans) {}

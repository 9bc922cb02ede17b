package io.shiftproof.simulator;

import io.shiftproof.schemas.wire.WorkEvent;

/**
 * An event as it leaves a session: the wire event (whose {@code occurredAt} carries any clock skew)
 * and the true time it happened, which decides when the platform can send it.
 */
record GeneratedEvent(long trueMillis, WorkEvent event) {}

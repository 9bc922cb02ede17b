package io.shiftproof.gateway.query;

import io.shiftproof.records.LateEventFilter;
import java.time.Instant;
import java.util.Optional;

/**
 * A validated request for one page of late events, newest {@code stored_at} first: at most {@code
 * limit} of them, all stored strictly before {@code before} when it is given.
 */
public record LateEventQuery(LateEventFilter filter, Optional<Instant> before, int limit) {}

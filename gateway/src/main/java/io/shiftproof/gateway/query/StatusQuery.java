package io.shiftproof.gateway.query;

import java.time.Instant;

/** A validated request for one worker's status at an instant. */
public record StatusQuery(String workerRef, Instant at) {}

package io.shiftproof.gateway.query;

import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * A validated request for one worker's day record: a given sealed version, or the latest when
 * {@code version} is empty.
 */
public record DayQuery(String workerRef, LocalDate day, OptionalInt version) {}

package io.shiftproof.records;

import java.time.Instant;

/**
 * Why and when a version was sealed: {@code SETTLED} or {@code CORRECTION}, at the stream job's
 * event-time watermark.
 */
public record Seal(String reason, Instant watermark) {}

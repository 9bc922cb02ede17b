package io.shiftproof.streamjobs.records;

/**
 * What the job remembers of a day's latest sealed version while the day may still be corrected: its
 * number and the digest of its content, to tell whether a late event changed anything, and how far
 * it reached, so that a repeated request for an interim version seals nothing new.
 */
public record SealedDay(int version, byte[] contentDigest, long coveredUntilMillis) {}

package io.shiftproof.streamjobs.records;

/**
 * What the job remembers of a day's latest sealed version while the day may still be corrected: its
 * number and the digest of its content, to tell whether a late event changed anything.
 */
public record SealedDay(int version, byte[] contentDigest) {}

package io.shiftproof.streamjobs.records;

/**
 * What the job remembers of a day's latest sealed version while the day may still be corrected: its
 * number and the digest of its content, to tell whether a late event changed anything; and whether
 * it is an interim version (sealed on request before the day settled) and how far it reached, so
 * that the day still seals when it settles and a repeated request seals nothing new.
 */
public record SealedDay(
    int version, byte[] contentDigest, boolean interim, long coveredUntilMillis) {}

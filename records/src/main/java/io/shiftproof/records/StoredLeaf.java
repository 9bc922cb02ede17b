package io.shiftproof.records;

/**
 * A sealed version as stored with its anchored batch: its leaf index, its inclusion path as stored
 * (the sibling hashes, 32 bytes each, leaf to root; {@code InclusionPaths}), and its canonical
 * record bytes. The path is left undecoded: a damaged one is something the audit reports.
 */
public record StoredLeaf(VersionKey version, long leafIndex, byte[] inclusionPath, byte[] record) {}

package io.shiftproof.records;

import io.shiftproof.ledger.merkle.Hash;
import java.util.Optional;

/**
 * The hub's copy of an anchored batch ({@code anchor_batch}): where it sits in its chain and the
 * root and size of its Merkle tree, and the transaction and position where the ledger committed it
 * (evidence bundles fetch the signed entry from there). The ledger's own anchor is the authority;
 * the audit compares the two.
 */
public record StoredBatch(
    String batchId,
    String chain,
    long sequence,
    Optional<String> previous,
    Hash root,
    long treeSize,
    String ledgerTxId,
    long ledgerPosition) {}

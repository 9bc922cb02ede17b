package io.shiftproof.records;

import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;

/**
 * Why a sealed version can be trusted: its leaf hash, the inclusion proof of that leaf in its
 * batch's Merkle tree, and the batch's anchor on the ledger with where it was committed. Anyone can
 * recompute {@code SHA-256(0x00 ‖ record bytes)}, walk the path to the root, and compare with the
 * ledger's anchor.
 */
public record RecordProof(
    Hash leafHash, InclusionProof inclusion, Anchor anchor, LedgerRef ledger) {}

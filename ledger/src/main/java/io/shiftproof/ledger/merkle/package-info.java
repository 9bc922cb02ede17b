/**
 * RFC 6962 Merkle trees over sealed day-record versions, with inclusion and consistency proofs and
 * a verifier that needs no tree. The leaf and node hashes and how batches are anchored are
 * specified in docs/design.md §6.
 *
 * <p>Hashes cross the API as {@link io.shiftproof.ledger.merkle.Hash}, a 32-byte SHA-256 value
 * compared by content, never as raw {@code byte[]}: a shared array could be changed after a proof
 * was checked, and array equality is by identity. Inside the tree the levels are kept as flat byte
 * arrays so that building a large batch allocates nothing per node.
 */
package io.shiftproof.ledger.merkle;

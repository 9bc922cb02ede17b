package io.shiftproof.ledger.merkle;

import java.util.List;

/**
 * The RFC 6962 §2.1.2 proof that the tree of {@code oldSize} leaves is a prefix of the tree of
 * {@code newSize} leaves: the subtree hashes needed to compute both roots.
 *
 * <p>Only the signs of the sizes are checked here; whether they fit the path is for {@link
 * MerkleVerifier} to say.
 */
public record ConsistencyProof(long oldSize, long newSize, List<Hash> path) {
  public ConsistencyProof {
    if (oldSize < 0) {
      throw new IllegalArgumentException("oldSize: got " + oldSize + ", want >= 0");
    }
    if (newSize < 0) {
      throw new IllegalArgumentException("newSize: got " + newSize + ", want >= 0");
    }
    path = List.copyOf(path);
  }
}

package io.shiftproof.ledger.merkle;

import java.util.List;

/**
 * The RFC 6962 §2.1.1 audit path of one leaf: the sibling hashes from the leaf up to the root of
 * the tree of {@code treeSize} leaves, lowest first.
 *
 * <p>Only the signs of the numbers are checked here; whether they fit the path is for {@link
 * MerkleVerifier} to say, since a proof read from an evidence bundle may be wrong in any way.
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {
  public InclusionProof {
    if (leafIndex < 0) {
      throw new IllegalArgumentException("leafIndex: got " + leafIndex + ", want >= 0");
    }
    if (treeSize < 0) {
      throw new IllegalArgumentException("treeSize: got " + treeSize + ", want >= 0");
    }
    path = List.copyOf(path);
  }
}

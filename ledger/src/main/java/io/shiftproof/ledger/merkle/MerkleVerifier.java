package io.shiftproof.ledger.merkle;

import java.util.List;
import java.util.Objects;

/**
 * Checks inclusion and consistency proofs against trusted roots, without the tree, using the RFC
 * 9162 §2.1.3.2 and §2.1.4.2 algorithms.
 *
 * <p>A proof that does not hold is an answer, not an error: every check returns a {@link
 * VerificationResult} naming what failed. The sizes are taken as given; it is the signed anchor
 * that binds a root to its tree size.
 */
public final class MerkleVerifier {
  private MerkleVerifier() {}

  /** Whether {@code proof} shows that {@code leafHash} is in the tree with {@code expectedRoot}. */
  public static VerificationResult verifyInclusion(
      Hash leafHash, InclusionProof proof, Hash expectedRoot) {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(expectedRoot, "expectedRoot");
    long index = proof.leafIndex();
    long size = proof.treeSize();
    String where = " for leaf " + index + " of " + size;
    if (index >= size) {
      return VerificationResult.failed(
          "leafIndex: got " + index + ", want < " + size + " (tree size)");
    }
    List<Hash> path = proof.path();
    int want = inclusionPathLength(index, size);
    if (path.size() != want) {
      return VerificationResult.failed(
          "proof: got " + path.size() + " nodes, want " + want + where);
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash.raw();
    for (Hash p : path) {
      if (sn == 0) {
        return VerificationResult.failed("proof: more nodes than the tree has levels" + where);
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = TreeHasher.nodeHash(p.raw(), r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = TreeHasher.nodeHash(r, p.raw());
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      return VerificationResult.failed("proof: fewer nodes than the tree has levels" + where);
    }
    Hash computed = Hash.wrap(r);
    if (!computed.equals(expectedRoot)) {
      return VerificationResult.failed("root: got " + computed + ", want " + expectedRoot + where);
    }
    return VerificationResult.verified();
  }

  /**
   * Whether {@code proof} shows that the tree with {@code oldRoot} is a prefix of {@code newRoot}.
   */
  public static VerificationResult verifyConsistency(
      Hash oldRoot, Hash newRoot, ConsistencyProof proof) {
    Objects.requireNonNull(oldRoot, "oldRoot");
    Objects.requireNonNull(newRoot, "newRoot");
    Objects.requireNonNull(proof, "proof");
    long first = proof.oldSize();
    long second = proof.newSize();
    List<Hash> path = proof.path();
    String where = " for sizes " + first + " -> " + second;
    if (first > second) {
      return VerificationResult.failed(
          "oldSize: got " + first + ", want <= " + second + " (new size)");
    }
    if (first == second || first == 0) {
      // Nothing to prove: the roots must agree, or the old tree is the empty prefix of any tree.
      if (!path.isEmpty()) {
        return VerificationResult.failed("proof: got " + path.size() + " nodes, want 0" + where);
      }
      Hash wantOld = first == 0 ? TreeHasher.EMPTY_ROOT : newRoot;
      if (!oldRoot.equals(wantOld)) {
        return VerificationResult.failed("oldRoot: got " + oldRoot + ", want " + wantOld + where);
      }
      return VerificationResult.verified();
    }
    int want = consistencyPathLength(first, second);
    if (path.size() != want) {
      return VerificationResult.failed(
          "proof: got " + path.size() + " nodes, want " + want + where);
    }
    // RFC 9162 prepends the old root when the old tree is a complete subtree; starting the walk
    // from it avoids copying the path.
    boolean completeSubtree = Long.bitCount(first) == 1;
    int next = completeSubtree ? 0 : 1;
    byte[] start = completeSubtree ? oldRoot.raw() : path.get(0).raw();
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = start;
    byte[] sr = start;
    for (int i = next; i < path.size(); i++) {
      byte[] c = path.get(i).raw();
      if (sn == 0) {
        return VerificationResult.failed("proof: more nodes than the new tree has levels" + where);
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = TreeHasher.nodeHash(c, fr);
        sr = TreeHasher.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = TreeHasher.nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      return VerificationResult.failed("proof: fewer nodes than the new tree has levels" + where);
    }
    Hash oldComputed = Hash.wrap(fr);
    if (!oldComputed.equals(oldRoot)) {
      return VerificationResult.failed("oldRoot: got " + oldComputed + ", want " + oldRoot + where);
    }
    Hash newComputed = Hash.wrap(sr);
    if (!newComputed.equals(newRoot)) {
      return VerificationResult.failed("newRoot: got " + newComputed + ", want " + newRoot + where);
    }
    return VerificationResult.verified();
  }

  /**
   * The audit path length for leaf {@code index} of {@code size}: one node for each level below the
   * point where the paths to the leaf and to the last leaf part, plus one for each complete subtree
   * to the left above it.
   */
  static int inclusionPathLength(long index, long size) {
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    return inner + Long.bitCount(index >>> inner);
  }

  /** The consistency proof length for {@code 0 < first < second}. */
  static int consistencyPathLength(long first, long second) {
    int shift = Long.numberOfTrailingZeros(first);
    int seed = Long.bitCount(first) == 1 ? 0 : 1;
    return seed + inclusionPathLength(first - 1, second) - shift;
  }
}

package io.shiftproof.ledger.merkle;

import io.shiftproof.schemas.merkle.Rfc6962;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable RFC 6962 Merkle tree over one batch of leaves, keeping every level so that proofs
 * cost O(log n) lookups and no hashing.
 *
 * <p>Level {@code k} holds one node per {@code 2^k} leaves; when a level has an odd number of nodes
 * the last one is carried up unchanged. Node {@code j} of level {@code k} is then the RFC 6962 hash
 * of leaves {@code [j·2^k, min((j+1)·2^k, n))}, which is exactly the tree that splits at the
 * largest power of two below {@code n}.
 */
public final class MerkleTree {
  private static final int H = Hash.LENGTH;

  /** {@code levels[k]} packs the 32-byte hashes of level {@code k}; the last level is the root. */
  private final byte[][] levels;

  private final int size;

  private MerkleTree(byte[] leafHashes, int size) {
    this.size = size;
    this.levels = size == 0 ? new byte[0][] : buildLevels(leafHashes, size);
  }

  /** The tree over {@code leaves}, hashing each as an RFC 6962 leaf. */
  public static MerkleTree fromLeaves(List<byte[]> leaves) {
    Objects.requireNonNull(leaves, "leaves");
    MessageDigest digest = TreeHasher.newDigest();
    byte[] packed = new byte[Math.multiplyExact(leaves.size(), H)];
    int offset = 0;
    for (byte[] leaf : leaves) {
      Objects.requireNonNull(leaf, "leaf");
      digest.update(TreeHasher.LEAF_PREFIX);
      digest.update(leaf);
      TreeHasher.finish(digest, packed, offset);
      offset += H;
    }
    return new MerkleTree(packed, leaves.size());
  }

  /** The tree over leaves already hashed with {@link TreeHasher#leafHash}. */
  public static MerkleTree fromLeafHashes(List<Hash> leafHashes) {
    Objects.requireNonNull(leafHashes, "leafHashes");
    byte[] packed = new byte[Math.multiplyExact(leafHashes.size(), H)];
    int offset = 0;
    for (Hash leafHash : leafHashes) {
      System.arraycopy(leafHash.raw(), 0, packed, offset, H);
      offset += H;
    }
    return new MerkleTree(packed, leafHashes.size());
  }

  /**
   * The tree over leaf hashes packed 32 bytes each, as a platform batch's {@code leaf_hashes} are
   * stored.
   */
  public static MerkleTree fromPackedLeafHashes(byte[] packed) {
    Objects.requireNonNull(packed, "packed");
    if (packed.length % H != 0) {
      throw new IllegalArgumentException(
          "packed: got " + packed.length + " bytes, want a multiple of " + H);
    }
    return new MerkleTree(packed.clone(), packed.length / H);
  }

  private static byte[][] buildLevels(byte[] leafHashes, int size) {
    MessageDigest digest = TreeHasher.newDigest();
    List<byte[]> built = new ArrayList<>();
    built.add(leafHashes);
    byte[] level = leafHashes;
    int count = size;
    while (count > 1) {
      level = Rfc6962.parentLevel(digest, level, count);
      built.add(level);
      count = (count + 1) / 2;
    }
    return built.toArray(new byte[0][]);
  }

  /** The number of leaves. */
  public int size() {
    return size;
  }

  /** The root hash; for an empty tree, {@link TreeHasher#EMPTY_ROOT}. */
  public Hash rootHash() {
    return size == 0 ? TreeHasher.EMPTY_ROOT : Hash.copyOf(levels[levels.length - 1], 0);
  }

  /** The hash of leaf {@code index}. */
  public Hash leafHash(int index) {
    checkLeafIndex(index);
    return Hash.copyOf(levels[0], index * H);
  }

  /** The audit path proving that leaf {@code leafIndex} is in this tree. */
  public InclusionProof inclusionProof(int leafIndex) {
    checkLeafIndex(leafIndex);
    return new InclusionProof(leafIndex, size, pathToRoot(0, leafIndex));
  }

  /**
   * The proof that the first {@code oldSize} leaves of this tree form the tree of that size; empty
   * when {@code oldSize} is 0 or the size of this tree.
   */
  public ConsistencyProof consistencyProof(int oldSize) {
    if (oldSize < 0 || oldSize > size) {
      throw new IllegalArgumentException(
          "oldSize: got " + oldSize + ", want 0.." + size + " (tree size)");
    }
    if (oldSize == 0 || oldSize == size) {
      return new ConsistencyProof(oldSize, size, List.of());
    }
    // The old tree ends with a complete subtree of 2^level leaves; it is a node of this tree too.
    // Its path to the root here proves both roots; the node itself is sent unless it is the old
    // root, which the verifier already holds.
    int level = Integer.numberOfTrailingZeros(oldSize);
    int index = (oldSize - 1) >> level;
    List<Hash> path = new ArrayList<>();
    if (index != 0) {
      path.add(Hash.copyOf(levels[level], index * H));
    }
    path.addAll(pathToRoot(level, index));
    return new ConsistencyProof(oldSize, size, path);
  }

  /** The siblings of node {@code index} of {@code level} and of its ancestors, lowest first. */
  private List<Hash> pathToRoot(int level, int index) {
    List<Hash> path = new ArrayList<>(levels.length - level);
    for (int k = level; k < levels.length - 1; k++) {
      int sibling = (index >> (k - level)) ^ 1;
      // A missing right sibling means this node was carried up: no hash on this level.
      if (sibling * H < levels[k].length) {
        path.add(Hash.copyOf(levels[k], sibling * H));
      }
    }
    return path;
  }

  private void checkLeafIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leafIndex: got " + index + ", want 0.." + (size - 1) + " (tree of " + size + ")");
    }
  }
}

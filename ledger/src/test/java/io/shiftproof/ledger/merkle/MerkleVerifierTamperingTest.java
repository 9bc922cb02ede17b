package io.shiftproof.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every change to a valid proof, its leaf or its roots must be rejected with a reason. The size
 * changes follow the probes of the transparency-dev/merkle verifier tests.
 */
class MerkleVerifierTamperingTest {
  /** All small sizes, where the tree shapes are most varied, and a few around powers of two. */
  private static final int[] SIZES =
      IntStream.concat(IntStream.rangeClosed(1, 33), IntStream.of(63, 64, 65, 127, 128, 129, 300))
          .toArray();

  private static final int MAX_SIZE = 300;
  private static final Hash SOME_HASH =
      Hash.fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");

  /** The roots of the trees over the first 0..300 of the same leaves, indexed by size. */
  private static final Hash[] FULL_ROOTS = rootsOfPrefixes();

  private static List<byte[]> leaves(int n) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
    }
    return leaves;
  }

  private static MerkleTree tree(int size) {
    return MerkleTree.fromLeaves(leaves(size));
  }

  private static Hash root(long size) {
    return size <= MAX_SIZE ? FULL_ROOTS[(int) size] : SOME_HASH;
  }

  /** Each variant of {@code hash} with one byte changed, one bit per position. */
  private static void forEachFlippedByte(Hash hash, Consumer<Hash> check) {
    for (int i = 0; i < Hash.LENGTH; i++) {
      byte[] bytes = hash.bytes();
      bytes[i] ^= (byte) (1 << (i % 8));
      check.accept(Hash.of(bytes));
    }
  }

  private static List<Hash> replaced(List<Hash> path, int index, Hash node) {
    List<Hash> copy = new ArrayList<>(path);
    copy.set(index, node);
    return copy;
  }

  private static List<Hash> with(List<Hash> path, int index, Hash node) {
    List<Hash> copy = new ArrayList<>(path);
    copy.add(index, node);
    return copy;
  }

  private static void assertRejected(VerificationResult result, String what) {
    assertThat(result.isVerified()).as(what).isFalse();
    assertThat(result.failure()).as(what).hasValueSatisfying(r -> assertThat(r).contains(": got "));
  }

  @Test
  void inclusionIsRejectedAfterAnyByteOfPathLeafOrRootChanges() {
    for (int n : SIZES) {
      MerkleTree tree = tree(n);
      Hash root = tree.rootHash();
      for (int index = 0; index < n; index++) {
        int m = index;
        InclusionProof proof = tree.inclusionProof(m);
        Hash leaf = tree.leafHash(m);
        String at = "leaf " + m + " of " + n;
        List<Hash> path = proof.path();
        for (int p = 0; p < path.size(); p++) {
          int node = p;
          forEachFlippedByte(
              path.get(node),
              changed -> {
                InclusionProof tampered = new InclusionProof(m, n, replaced(path, node, changed));
                assertRejected(MerkleVerifier.verifyInclusion(leaf, tampered, root), at);
              });
        }
        forEachFlippedByte(
            leaf,
            changed -> assertRejected(MerkleVerifier.verifyInclusion(changed, proof, root), at));
        forEachFlippedByte(
            root,
            changed -> assertRejected(MerkleVerifier.verifyInclusion(leaf, proof, changed), at));
      }
    }
  }

  @Test
  void inclusionIsRejectedForAnyOtherLeafIndex() {
    for (int n : SIZES) {
      MerkleTree tree = tree(n);
      Hash root = tree.rootHash();
      for (int m = 0; m < n; m++) {
        List<Hash> path = tree.inclusionProof(m).path();
        Hash leaf = tree.leafHash(m);
        for (long other : new long[] {0, m - 1L, m + 1L, m ^ 2, n - 1L, n, n + 1L, 2L * n}) {
          if (other == m || other < 0) {
            continue;
          }
          InclusionProof moved = new InclusionProof(other, n, path);
          assertRejected(
              MerkleVerifier.verifyInclusion(leaf, moved, root), "leaf " + m + " as " + other);
        }
      }
    }
  }

  @Test
  void inclusionIsRejectedForOtherTreeSizes() {
    for (int n : SIZES) {
      MerkleTree tree = tree(n);
      Hash root = tree.rootHash();
      for (int m = 0; m < n; m++) {
        InclusionProof proof = tree.inclusionProof(m);
        Hash leaf = tree.leafHash(m);
        for (long size : new long[] {n * 2L, n / 2L}) {
          String at = "leaf " + m + " of " + n + " as of " + size;
          InclusionProof resized = new InclusionProof(m, size, proof.path());
          // Either with the root unchanged or with the true root of the claimed size.
          assertRejected(MerkleVerifier.verifyInclusion(leaf, resized, root), at);
          assertRejected(MerkleVerifier.verifyInclusion(leaf, resized, root(size)), at);
        }
        for (int size = m + 1; size <= Math.min(MAX_SIZE, 2 * n); size++) {
          if (size != n) {
            InclusionProof resized = new InclusionProof(m, size, proof.path());
            assertRejected(
                MerkleVerifier.verifyInclusion(leaf, resized, FULL_ROOTS[size]),
                "leaf " + m + " of " + n + " as of " + size);
          }
        }
      }
    }
  }

  private static Hash[] rootsOfPrefixes() {
    List<byte[]> all = leaves(MAX_SIZE);
    Hash[] roots = new Hash[MAX_SIZE + 1];
    for (int n = 0; n <= MAX_SIZE; n++) {
      roots[n] = MerkleTree.fromLeaves(all.subList(0, n)).rootHash();
    }
    return roots;
  }

  @Test
  void inclusionIsRejectedWhenNodesAreAddedOrRemoved() {
    for (int n : SIZES) {
      MerkleTree tree = tree(n);
      Hash root = tree.rootHash();
      for (int m = 0; m < n; m++) {
        List<Hash> path = tree.inclusionProof(m).path();
        Hash leaf = tree.leafHash(m);
        List<List<Hash>> variants = new ArrayList<>();
        variants.add(with(path, path.size(), root));
        variants.add(with(path, path.size(), SOME_HASH));
        variants.add(with(path, 0, root));
        variants.add(with(path, 0, leaf));
        if (!path.isEmpty()) {
          variants.add(path.subList(0, path.size() - 1));
          variants.add(path.subList(1, path.size()));
          variants.add(with(path, 1, SOME_HASH));
        }
        for (List<Hash> variant : variants) {
          assertRejected(
              MerkleVerifier.verifyInclusion(leaf, new InclusionProof(m, n, variant), root),
              "leaf " + m + " of " + n + " with " + variant.size() + " nodes");
        }
      }
    }
  }

  @Test
  void consistencyIsRejectedAfterAnyByteOfPathOrRootsChanges() {
    for (int n : SIZES) {
      MerkleTree tree = tree(n);
      Hash newRoot = tree.rootHash();
      for (int oldSize = 1; oldSize <= n; oldSize++) {
        int m = oldSize;
        ConsistencyProof proof = tree.consistencyProof(m);
        Hash oldRoot = FULL_ROOTS[m];
        String at = "sizes " + m + " -> " + n;
        List<Hash> path = proof.path();
        for (int p = 0; p < path.size(); p++) {
          int node = p;
          forEachFlippedByte(
              path.get(node),
              changed -> {
                ConsistencyProof tampered =
                    new ConsistencyProof(m, n, replaced(path, node, changed));
                assertRejected(MerkleVerifier.verifyConsistency(oldRoot, newRoot, tampered), at);
              });
        }
        forEachFlippedByte(
            oldRoot,
            changed ->
                assertRejected(MerkleVerifier.verifyConsistency(changed, newRoot, proof), at));
        forEachFlippedByte(
            newRoot,
            changed ->
                assertRejected(MerkleVerifier.verifyConsistency(oldRoot, changed, proof), at));
      }
    }
  }

  @Test
  void consistencyIsRejectedForOtherSizesOrRearrangedProofs() {
    for (int n : SIZES) {
      MerkleTree tree = tree(n);
      Hash newRoot = tree.rootHash();
      for (int m = 1; m < n; m++) {
        List<Hash> path = tree.consistencyProof(m).path();
        Hash oldRoot = FULL_ROOTS[m];
        String at = "sizes " + m + " -> " + n;
        long[][] sizes = {{m - 1L, n}, {m + 1L, n}, {m ^ 2, n}, {m, 2L * n}, {m, n / 2L}};
        for (long[] s : sizes) {
          ConsistencyProof resized = new ConsistencyProof(s[0], s[1], path);
          assertRejected(
              MerkleVerifier.verifyConsistency(oldRoot, newRoot, resized),
              at + " as " + s[0] + " -> " + s[1]);
        }
        List<List<Hash>> variants = new ArrayList<>();
        variants.add(List.of());
        variants.add(path.subList(0, path.size() - 1));
        variants.add(with(path, path.size(), oldRoot));
        variants.add(with(path, path.size(), newRoot));
        variants.add(with(path, 0, oldRoot));
        variants.add(with(path, 0, newRoot));
        variants.add(with(path, 0, path.get(0)));
        for (List<Hash> variant : variants) {
          ConsistencyProof changed = new ConsistencyProof(m, n, variant);
          assertRejected(
              MerkleVerifier.verifyConsistency(oldRoot, newRoot, changed),
              at + " with " + variant.size() + " nodes");
        }
        assertRejected(
            MerkleVerifier.verifyConsistency(newRoot, oldRoot, new ConsistencyProof(m, n, path)),
            at + " with swapped roots");
      }
    }
  }

  @Test
  void trivialConsistencyStillChecksRoots() {
    Hash root = FULL_ROOTS[5];
    assertThat(
            MerkleVerifier.verifyConsistency(root, root, new ConsistencyProof(5, 5, List.of()))
                .isVerified())
        .isTrue();
    assertThat(
            MerkleVerifier.verifyConsistency(
                    TreeHasher.EMPTY_ROOT, root, new ConsistencyProof(0, 5, List.of()))
                .isVerified())
        .isTrue();
    assertRejected(
        MerkleVerifier.verifyConsistency(
            FULL_ROOTS[4], root, new ConsistencyProof(5, 5, List.of())),
        "equal sizes, different roots");
    assertRejected(
        MerkleVerifier.verifyConsistency(root, root, new ConsistencyProof(5, 5, List.of(root))),
        "equal sizes with a node");
    assertRejected(
        MerkleVerifier.verifyConsistency(root, root, new ConsistencyProof(0, 5, List.of())),
        "empty tree with a non-empty root");
    assertRejected(
        MerkleVerifier.verifyConsistency(root, root, new ConsistencyProof(6, 5, List.of())),
        "shrinking tree");
  }

  @Test
  void reasonsNameTheFieldWithWhatWasGotAndWanted() {
    MerkleTree tree = tree(7);
    InclusionProof proof = tree.inclusionProof(3);
    InclusionProof longer =
        new InclusionProof(3, 7, with(proof.path(), proof.path().size(), SOME_HASH));
    assertThat(MerkleVerifier.verifyInclusion(tree.leafHash(3), longer, tree.rootHash()).failure())
        .contains("proof: got 4 nodes, want 3 for leaf 3 of 7");
    assertThat(
            MerkleVerifier.verifyInclusion(
                    tree.leafHash(3), new InclusionProof(7, 7, proof.path()), tree.rootHash())
                .failure())
        .contains("leafIndex: got 7, want < 7 (tree size)");
    assertThat(MerkleVerifier.verifyInclusion(tree.leafHash(3), proof, SOME_HASH).failure())
        .contains("root: got " + tree.rootHash() + ", want " + SOME_HASH + " for leaf 3 of 7");
    ConsistencyProof consistency = tree.consistencyProof(3);
    assertThat(MerkleVerifier.verifyConsistency(FULL_ROOTS[3], SOME_HASH, consistency).failure())
        .contains("newRoot: got " + tree.rootHash() + ", want " + SOME_HASH + " for sizes 3 -> 7");
  }

  @Test
  void throwsOnlyOnMissingOrNegativeArguments() {
    MerkleTree tree = tree(4);
    InclusionProof proof = tree.inclusionProof(1);
    Hash root = tree.rootHash();
    assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(null, proof, root))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(root, null, root))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(root, null, tree.consistencyProof(2)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new InclusionProof(-1, 4, List.of()))
        .hasMessage("leafIndex: got -1, want >= 0");
    assertThatThrownBy(() -> new InclusionProof(0, -4, List.of()))
        .hasMessage("treeSize: got -4, want >= 0");
    assertThatThrownBy(() -> new ConsistencyProof(-2, 4, List.of()))
        .hasMessage("oldSize: got -2, want >= 0");
    assertThatThrownBy(() -> new ConsistencyProof(2, -4, List.of()))
        .hasMessage("newSize: got -4, want >= 0");
    assertThatThrownBy(() -> tree.inclusionProof(4))
        .hasMessage("leafIndex: got 4, want 0..3 (tree of 4)");
    assertThatThrownBy(() -> tree.consistencyProof(5))
        .hasMessage("oldSize: got 5, want 0..4 (tree size)");
    assertThat(
            MerkleVerifier.verifyInclusion(root, new InclusionProof(0, 0, List.of()), root)
                .isVerified())
        .isFalse();
  }
}

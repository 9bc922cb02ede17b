package io.shiftproof.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the tree and the verifier with {@link ReferenceMerkle} for every tree size up to {@value
 * #MAX_SIZE}: the root, every leaf's audit path and every consistency proof between any two sizes.
 */
class MerkleTreeReferenceTest {
  private static final int MAX_SIZE = 300;

  private static List<byte[]> leaves;
  private static ReferenceMerkle reference;

  @BeforeAll
  static void buildLeaves() {
    leaves = new ArrayList<>();
    for (int i = 0; i < MAX_SIZE; i++) {
      // Leaves of varying length, so that length never lines up with position by accident.
      leaves.add(("day-record-" + i + "-".repeat(i % 7)).getBytes(StandardCharsets.UTF_8));
    }
    reference = new ReferenceMerkle(leaves);
  }

  private static MerkleTree tree(int size) {
    return MerkleTree.fromLeaves(leaves.subList(0, size));
  }

  private static List<Hash> hashes(List<byte[]> raw) {
    return raw.stream().map(Hash::of).toList();
  }

  @Test
  void rootMatchesReferenceForEverySize() {
    for (int n = 0; n <= MAX_SIZE; n++) {
      assertThat(tree(n).rootHash()).as("root of %d", n).isEqualTo(Hash.of(reference.root(n)));
    }
  }

  @Test
  void treeFromLeafHashesEqualsTreeFromLeaves() {
    for (int n = 0; n <= MAX_SIZE; n += 17) {
      MerkleTree fromLeaves = tree(n);
      List<Hash> leafHashes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        leafHashes.add(TreeHasher.leafHash(leaves.get(i)));
        assertThat(fromLeaves.leafHash(i)).isEqualTo(leafHashes.get(i));
      }
      assertThat(MerkleTree.fromLeafHashes(leafHashes).rootHash()).isEqualTo(fromLeaves.rootHash());
    }
  }

  @Test
  void everyInclusionProofMatchesReferenceAndVerifies() {
    int checked = 0;
    for (int n = 1; n <= MAX_SIZE; n++) {
      MerkleTree tree = tree(n);
      Hash root = tree.rootHash();
      for (int m = 0; m < n; m++) {
        InclusionProof proof = tree.inclusionProof(m);
        assertThat(proof.path())
            .as("path of leaf %d of %d", m, n)
            .isEqualTo(hashes(reference.path(m, n)));
        assertThat(proof.leafIndex()).isEqualTo(m);
        assertThat(proof.treeSize()).isEqualTo(n);
        VerificationResult result = MerkleVerifier.verifyInclusion(tree.leafHash(m), proof, root);
        assertThat(result.failure()).as("leaf %d of %d", m, n).isEmpty();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(MAX_SIZE * (MAX_SIZE + 1) / 2);
  }

  @Test
  void everyConsistencyProofMatchesReferenceAndVerifies() {
    Hash[] roots = new Hash[MAX_SIZE + 1];
    for (int n = 0; n <= MAX_SIZE; n++) {
      roots[n] = Hash.of(reference.root(n));
    }
    int checked = 0;
    for (int n = 1; n <= MAX_SIZE; n++) {
      MerkleTree tree = tree(n);
      for (int m = 0; m <= n; m++) {
        ConsistencyProof proof = tree.consistencyProof(m);
        List<Hash> want = m == 0 || m == n ? List.of() : hashes(reference.proof(m, n));
        assertThat(proof.path()).as("proof %d -> %d", m, n).isEqualTo(want);
        VerificationResult result = MerkleVerifier.verifyConsistency(roots[m], roots[n], proof);
        assertThat(result.failure()).as("sizes %d -> %d", m, n).isEmpty();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(MAX_SIZE * (MAX_SIZE + 3) / 2);
  }
}

package io.shiftproof.benchmarks.micro;

import io.shiftproof.benchmarks.SimulatedDayRecords;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.ledger.merkle.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Inclusion proofs of random leaves in a tree of 2^20 leaves: generating one from the kept levels,
 * and verifying one against the root, against the baseline of hashing the proof's path nodes (the
 * hashing no verifier can avoid). Scores are microseconds per proof.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InclusionProofs {
  /** Leaves of the tree; its proofs have 20 path nodes. */
  public static final int TREE_LEAVES = 1 << 20;

  /** Proofs prepared for verification, used in turn; a power of two. */
  private static final int PREPARED = 4096;

  private static final long SEED = 7;

  private MerkleTree tree;
  private Hash root;
  private final SplittableRandom random = new SplittableRandom(SEED);
  private final List<InclusionProof> proofs = new ArrayList<>(PREPARED);
  private final List<Hash> provenLeaves = new ArrayList<>(PREPARED);
  private int next;

  @Setup
  public void buildTree() {
    // The leaf hashes of sealed day records, repeated: a proof's cost depends on the tree's size,
    // not on the leaves' content.
    List<Hash> distinct =
        SimulatedDayRecords.sample(PREPARED).stream().map(TreeHasher::leafHash).toList();
    List<Hash> leafHashes = new ArrayList<>(TREE_LEAVES);
    for (int i = 0; i < TREE_LEAVES; i++) {
      leafHashes.add(distinct.get(i % distinct.size()));
    }
    tree = MerkleTree.fromLeafHashes(leafHashes);
    root = tree.rootHash();
    for (int i = 0; i < PREPARED; i++) {
      int leaf = random.nextInt(TREE_LEAVES);
      proofs.add(tree.inclusionProof(leaf));
      provenLeaves.add(tree.leafHash(leaf));
    }
  }

  @Benchmark
  public InclusionProof generate() {
    return tree.inclusionProof(random.nextInt(TREE_LEAVES));
  }

  @Benchmark
  public VerificationResult verify() {
    int i = next++ & (PREPARED - 1);
    VerificationResult result =
        MerkleVerifier.verifyInclusion(provenLeaves.get(i), proofs.get(i), root);
    if (!result.isVerified()) {
      throw new IllegalStateException("a proof of the benchmark tree did not verify: " + result);
    }
    return result;
  }

  /** The baseline: the leaf hashed up with each path node, as a verifier must, and nothing else. */
  @Benchmark
  public Hash pathNodeHashes() {
    int i = next++ & (PREPARED - 1);
    Hash node = provenLeaves.get(i);
    for (Hash sibling : proofs.get(i).path()) {
      node = TreeHasher.nodeHash(node, sibling);
    }
    return node;
  }
}

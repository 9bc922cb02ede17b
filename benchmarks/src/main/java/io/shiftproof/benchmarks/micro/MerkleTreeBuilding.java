package io.shiftproof.benchmarks.micro;

import io.shiftproof.benchmarks.SimulatedDayRecords;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.ledger.merkle.TreeHasher;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A batch's Merkle tree with every level kept, as the job builds it before anchoring: from sealed
 * day records, from leaf hashes already computed (interior nodes only), and from short leaves (the
 * per-leaf cost apart from the record size). Scores are leaves per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MerkleTreeBuilding {
  /** Leaves of each tree built. */
  public static final int LEAVES = 65_536;

  /** Size of the short leaves. */
  public static final int SHORT_LEAF_BYTES = 256;

  private List<byte[]> records;
  private List<Hash> leafHashes;
  private List<byte[]> shortLeaves;

  @Setup
  public void sampleLeaves() {
    records = SimulatedDayRecords.sample(LEAVES);
    leafHashes = records.stream().map(TreeHasher::leafHash).toList();
    shortLeaves = Collections.nCopies(LEAVES, Arrays.copyOf(records.get(0), SHORT_LEAF_BYTES));
  }

  @Benchmark
  @OperationsPerInvocation(LEAVES)
  public MerkleTree fromRecords() {
    return MerkleTree.fromLeaves(records);
  }

  @Benchmark
  @OperationsPerInvocation(LEAVES)
  public MerkleTree fromLeafHashes() {
    return MerkleTree.fromLeafHashes(leafHashes);
  }

  @Benchmark
  @OperationsPerInvocation(LEAVES)
  public MerkleTree fromShortLeaves() {
    return MerkleTree.fromLeaves(shortLeaves);
  }
}

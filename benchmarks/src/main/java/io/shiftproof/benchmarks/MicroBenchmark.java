package io.shiftproof.benchmarks;

import io.shiftproof.benchmarks.micro.InclusionProofs;
import io.shiftproof.benchmarks.micro.MerkleLeafHashing;
import io.shiftproof.benchmarks.micro.MerkleTreeBuilding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The JMH micro-benchmarks of {@code io.shiftproof.benchmarks.micro}: Merkle hashing on sealed day
 * records and inclusion-proof latency, run in a forked JVM, then each figure set against its
 * baseline from the same run.
 *
 * <p>JMH forks with this JVM's class path, which holds the benchmarks jar and with it the {@code
 * META-INF/BenchmarkList} that JMH's annotation processor wrote at compile time. It times by the
 * wall clock, so on a busy machine every figure is below what a free core does; the ratios to the
 * baselines, measured in the same run, are the steadier result.
 */
public final class MicroBenchmark {
  /**
   * Benchmark settings.
   *
   * @param quick a smoke run of seconds: one short warm-up and two short measurements
   * @param threads threads per benchmark; throughput is reported per thread, that is per core
   */
  public record Settings(boolean quick, int threads) {
    public Settings {
      if (threads < 1) {
        throw new IllegalArgumentException("threads: got " + threads + ", want at least 1");
      }
    }
  }

  private static final String LEAF_HASHING = MerkleLeafHashing.class.getName() + ".";
  private static final String TREE_BUILDING = MerkleTreeBuilding.class.getName() + ".";
  private static final String PROOFS = InclusionProofs.class.getName() + ".";
  private static final double GOAL_LEAVES_PER_SECOND = 2_000_000;

  private final Settings settings;
  private final PrintWriter out;

  public MicroBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  public void run() throws IOException, RunnerException {
    List<byte[]> records = SimulatedDayRecords.sealed();
    double recordBytes = SimulatedDayRecords.meanBytes(records);
    out.printf(
        "micro-benchmarks (JMH, %s run, %d thread%s): %d sealed day records of the simulated load,"
            + " %.0f bytes on average%n",
        settings.quick() ? "quick" : "full",
        settings.threads(),
        settings.threads() == 1 ? "" : "s",
        records.size(),
        recordBytes);
    out.flush();
    Path recordsFile = Files.createTempFile("shiftproof-day-records", ".bin");
    try {
      SimulatedDayRecords.write(records, recordsFile);
      compare(
          new JmhRun(out, settings.quick(), settings.threads())
              .run(
                  MerkleLeafHashing.class.getPackageName() + ".",
                  "-D" + SimulatedDayRecords.FILE_PROPERTY + "=" + recordsFile),
          recordBytes);
    } finally {
      Files.deleteIfExists(recordsFile);
    }
  }

  private void compare(JmhRun.Scores scores, double recordBytes) {
    int threads = settings.threads();
    // Throughput scores are summed over the threads; per core is per thread.
    double plain = scores.of(LEAF_HASHING + "plainSha256") / threads;
    double leaf = scores.of(LEAF_HASHING + "leafHash") / threads;
    double tree = scores.of(TREE_BUILDING + "fromRecords") / threads;
    double interior = scores.of(TREE_BUILDING + "fromLeafHashes") / threads;
    double shortLeaves = scores.of(TREE_BUILDING + "fromShortLeaves") / threads;
    double generate = scores.of(PROOFS + "generate");
    double verify = scores.of(PROOFS + "verify");
    double path = scores.of(PROOFS + "pathNodeHashes");
    out.printf(
        "%nagainst the baselines of this run (per core; records of %.0f bytes):%n", recordBytes);
    out.printf(
        "  plain SHA-256 (baseline):  %,11.0f records/s  %,6.0f MB/s%n",
        plain, plain * recordBytes / 1e6);
    out.printf(
        "  leaf hash:                 %,11.0f leaves/s   %,6.0f MB/s = %.1f %% of plain SHA-256%n",
        leaf, leaf * recordBytes / 1e6, 100 * leaf / plain);
    out.printf(
        "  tree from records:         %,11.0f leaves/s   %,6.0f MB/s = %.1f %% of plain SHA-256"
            + " (goal >= %,.0f leaves/s: %s)%n",
        tree,
        tree * recordBytes / 1e6,
        100 * tree / plain,
        GOAL_LEAVES_PER_SECOND,
        tree >= GOAL_LEAVES_PER_SECOND ? "met" : "NOT met");
    out.printf(
        "  tree from leaf hashes:     %,11.0f leaves/s   interior nodes = %.1f %% of the tree from"
            + " records' time%n",
        interior, 100 * tree / interior);
    out.printf(
        "  tree from %d-byte leaves: %,11.0f leaves/s   = %.2fx the tree from records%n",
        MerkleTreeBuilding.SHORT_LEAF_BYTES, shortLeaves, shortLeaves / tree);
    out.printf(
        "  path node hashes (baseline): %7.2f us per proof (%d nodes)%n",
        path, Integer.numberOfTrailingZeros(InclusionProofs.TREE_LEAVES));
    out.printf(
        "  proof generate:              %7.2f us = %.1f %% of hashing its path%n",
        generate, 100 * generate / path);
    out.printf(
        "  proof verify:                %7.2f us = %.1f %% of hashing its path%n",
        verify, 100 * verify / path);
    out.flush();
  }
}

package io.shiftproof.benchmarks;

import io.shiftproof.benchmarks.micro.InclusionProofs;
import io.shiftproof.benchmarks.micro.MerkleLeafHashing;
import io.shiftproof.benchmarks.micro.MerkleTreeBuilding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

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
      Collection<RunResult> results =
          new Runner(
                  options(recordsFile),
                  OutputFormatFactory.createFormatInstance(lines(), VerboseMode.NORMAL))
              .run();
      compare(scores(results), recordBytes);
    } finally {
      Files.deleteIfExists(recordsFile);
    }
  }

  private Options options(Path recordsFile) {
    // A quick run is a smoke test; its warm-up is still long enough for the SHA-256 intrinsics to
    // be compiled in, or the baseline would be measured interpreted.
    int warmups = settings.quick() ? 1 : 3;
    int measurements = settings.quick() ? 2 : 5;
    TimeValue warmup = settings.quick() ? TimeValue.seconds(1) : TimeValue.seconds(2);
    TimeValue measurement = settings.quick() ? TimeValue.milliseconds(500) : TimeValue.seconds(2);
    return new OptionsBuilder()
        .include(Pattern.quote(MerkleLeafHashing.class.getPackageName() + "."))
        .forks(1)
        .jvmArgsAppend("-D" + SimulatedDayRecords.FILE_PROPERTY + "=" + recordsFile)
        .threads(settings.threads())
        .warmupIterations(warmups)
        .warmupTime(warmup)
        .measurementIterations(measurements)
        .measurementTime(measurement)
        .shouldFailOnError(true)
        .build();
  }

  /** The primary score of each benchmark by its full name. */
  private static Map<String, Double> scores(Collection<RunResult> results) {
    Map<String, Double> scores = new HashMap<>();
    for (RunResult result : results) {
      scores.put(result.getParams().getBenchmark(), result.getPrimaryResult().getScore());
    }
    return scores;
  }

  private void compare(Map<String, Double> scores, double recordBytes) {
    int threads = settings.threads();
    // Throughput scores are summed over the threads; per core is per thread.
    double plain = score(scores, LEAF_HASHING + "plainSha256") / threads;
    double leaf = score(scores, LEAF_HASHING + "leafHash") / threads;
    double tree = score(scores, TREE_BUILDING + "fromRecords") / threads;
    double interior = score(scores, TREE_BUILDING + "fromLeafHashes") / threads;
    double shortLeaves = score(scores, TREE_BUILDING + "fromShortLeaves") / threads;
    double generate = score(scores, PROOFS + "generate");
    double verify = score(scores, PROOFS + "verify");
    double path = score(scores, PROOFS + "pathNodeHashes");
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

  private static double score(Map<String, Double> scores, String benchmark) {
    Double score = scores.get(benchmark);
    if (score == null) {
      throw new IllegalStateException(
          "benchmark "
              + benchmark
              + " gave no result; results for "
              + List.copyOf(scores.keySet()));
    }
    return score;
  }

  /** JMH prints to a stream: this one hands each finished line to the command's writer. */
  private PrintStream lines() {
    OutputStream lines =
        new OutputStream() {
          private final ByteArrayOutputStream line = new ByteArrayOutputStream();

          @Override
          public void write(int b) {
            line.write(b);
            if (b == '\n') {
              out.print(line.toString(StandardCharsets.UTF_8));
              out.flush();
              line.reset();
            }
          }
        };
    return new PrintStream(lines, true, StandardCharsets.UTF_8);
  }
}

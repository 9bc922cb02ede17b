package io.shiftproof.benchmarks;

import io.shiftproof.benchmarks.pseudonyms.PseudonymEvaluation;
import java.io.PrintWriter;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@code bench pseudonyms}: VOPRF evaluations per second per core on the hub, with one key and with
 * the split key, and the platform's blind + verify + finalize per second, each against one P-256
 * scalar multiplication measured in the same run (JMH, forked, like {@link MicroBenchmark}).
 */
public final class PseudonymBenchmark {
  /**
   * Benchmark settings.
   *
   * @param quick a smoke run of seconds
   * @param threads threads per benchmark; throughput is reported per thread, that is per core
   */
  public record Settings(boolean quick, int threads) {
    public Settings {
      if (threads < 1) {
        throw new IllegalArgumentException("threads: got " + threads + ", want at least 1");
      }
    }
  }

  private static final String BENCH = PseudonymEvaluation.class.getName() + ".";
  private static final double GOAL_EVALUATIONS_PER_SECOND = 5_000;

  private final Settings settings;
  private final PrintWriter out;

  public PseudonymBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  public void run() throws RunnerException {
    out.printf(
        "pseudonym benchmarks (JMH, %s run, %d thread%s): VOPRF P256-SHA256, batches of %d"
            + " blinded elements%n",
        settings.quick() ? "quick" : "full",
        settings.threads(),
        settings.threads() == 1 ? "" : "s",
        PseudonymEvaluation.BATCH);
    out.flush();
    compare(new JmhRun(out, settings.quick(), settings.threads()).run(BENCH));
  }

  private void compare(JmhRun.Scores scores) {
    int threads = settings.threads();
    double multiplication = scores.of(BENCH + "scalarMultiplication") / threads;
    double single = scores.of(BENCH + "singleKey") / threads;
    double split = scores.of(BENCH + "splitKey") / threads;
    double clientSingle = scores.of(BENCH + "clientSingleKey") / threads;
    double clientSplit = scores.of(BENCH + "clientSplitKey") / threads;
    out.printf("%nagainst the baseline of this run (per core):%n");
    out.printf("  scalar multiplication (baseline): %,9.0f /s%n", multiplication);
    out.printf(
        "  hub, single key:                  %,9.0f evaluations/s = %.2f multiplications each"
            + " (goal >= %,.0f/s: %s)%n",
        single,
        multiplication / single,
        GOAL_EVALUATIONS_PER_SECOND,
        single >= GOAL_EVALUATIONS_PER_SECOND ? "met" : "NOT met");
    out.printf(
        "  hub and regulator, split key:     %,9.0f evaluations/s = %.2f multiplications each"
            + " (both shares on one core; each organisation spends half)%n",
        split, multiplication / split);
    out.printf(
        "  platform, single key:             %,9.0f blind+verify+finalize/s = %.2f"
            + " multiplications each%n",
        clientSingle, multiplication / clientSingle);
    out.printf(
        "  platform, split key:              %,9.0f blind+verify+finalize/s = %.2f"
            + " multiplications each%n",
        clientSplit, multiplication / clientSplit);
    out.flush();
  }
}

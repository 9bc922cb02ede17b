package io.shiftproof.benchmarks;

import io.shiftproof.benchmarks.pseudonyms.PseudonymEvaluation;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
    Collection<RunResult> results =
        new Runner(options(), OutputFormatFactory.createFormatInstance(lines(), VerboseMode.NORMAL))
            .run();
    compare(scores(results));
  }

  private Options options() {
    int warmups = settings.quick() ? 1 : 3;
    int measurements = settings.quick() ? 2 : 5;
    TimeValue warmup = settings.quick() ? TimeValue.seconds(1) : TimeValue.seconds(2);
    TimeValue measurement = settings.quick() ? TimeValue.milliseconds(500) : TimeValue.seconds(2);
    return new OptionsBuilder()
        .include(Pattern.quote(BENCH))
        .forks(1)
        .threads(settings.threads())
        .warmupIterations(warmups)
        .warmupTime(warmup)
        .measurementIterations(measurements)
        .measurementTime(measurement)
        .shouldFailOnError(true)
        .build();
  }

  private static Map<String, Double> scores(Collection<RunResult> results) {
    Map<String, Double> scores = new HashMap<>();
    for (RunResult result : results) {
      scores.put(result.getParams().getBenchmark(), result.getPrimaryResult().getScore());
    }
    return scores;
  }

  private void compare(Map<String, Double> scores) {
    int threads = settings.threads();
    double multiplication = score(scores, "scalarMultiplication") / threads;
    double single = score(scores, "singleKey") / threads;
    double split = score(scores, "splitKey") / threads;
    double clientSingle = score(scores, "clientSingleKey") / threads;
    double clientSplit = score(scores, "clientSplitKey") / threads;
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

  private static double score(Map<String, Double> scores, String benchmark) {
    Double score = scores.get(BENCH + benchmark);
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

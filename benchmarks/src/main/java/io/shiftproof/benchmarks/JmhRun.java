package io.shiftproof.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A forked JMH run of the commands' micro-benchmarks, its log handed line by line to the command's
 * writer: a full run, or a quick smoke run of seconds. Even a quick run's warm-up is long enough
 * for the JIT's intrinsics (SHA-256, big-integer arithmetic) to be compiled in, or a baseline would
 * be measured interpreted.
 */
final class JmhRun {
  private final PrintWriter out;
  private final boolean quick;
  private final int threads;

  /**
   * @param threads threads per benchmark; throughput scores are summed over them
   */
  JmhRun(PrintWriter out, boolean quick, int threads) {
    this.out = out;
    this.quick = quick;
    this.threads = threads;
  }

  /** The primary score of each benchmark, by its full method name. */
  record Scores(Map<String, Double> byName) {
    /**
     * @throws IllegalStateException when that benchmark gave no result
     */
    double of(String benchmark) {
      Double score = byName.get(benchmark);
      if (score == null) {
        throw new IllegalStateException(
            "benchmark "
                + benchmark
                + " gave no result; results for "
                + List.copyOf(byName.keySet()));
      }
      return score;
    }
  }

  /**
   * Runs every benchmark whose full name starts with {@code prefix}.
   *
   * @param jvmArgs appended to the forked JVM's arguments
   */
  Scores run(String prefix, String... jvmArgs) throws RunnerException {
    OptionsBuilder options = new OptionsBuilder();
    options
        .include(Pattern.quote(prefix))
        .forks(1)
        .jvmArgsAppend(jvmArgs)
        .threads(threads)
        .warmupIterations(quick ? 1 : 3)
        .warmupTime(TimeValue.seconds(quick ? 1 : 2))
        .measurementIterations(quick ? 2 : 5)
        .measurementTime(quick ? TimeValue.milliseconds(500) : TimeValue.seconds(2))
        .shouldFailOnError(true);
    Map<String, Double> scores = new HashMap<>();
    for (RunResult result :
        new Runner(
                options.build(),
                OutputFormatFactory.createFormatInstance(lines(), VerboseMode.NORMAL))
            .run()) {
      scores.put(result.getParams().getBenchmark(), result.getPrimaryResult().getScore());
    }
    return new Scores(scores);
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

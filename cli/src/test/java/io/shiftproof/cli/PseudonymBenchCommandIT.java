package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bench pseudonyms --quick}: every JMH benchmark runs, and every figure is printed against
 * the scalar-multiplication baseline of the same run.
 */
class PseudonymBenchCommandIT {
  private static final String POSITIVE = "(?:[1-9][\\d,]*(?:\\.\\d+)?|0\\.\\d*[1-9]\\d*)";

  @Test
  void quickRunPrintsEveryBenchmarkAgainstTheBaseline() {
    CommandLineIT.Run run = CommandLineIT.run("bench", "pseudonyms", "--quick");

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String benchmark :
        List.of(
            "scalarMultiplication", "singleKey", "splitKey", "clientSingleKey", "clientSplitKey")) {
      assertThat(run.out())
          .as("JMH's row of %s", benchmark)
          .containsPattern(
              Pattern.quote("PseudonymEvaluation." + benchmark) + " +thrpt +\\d+ +" + POSITIVE);
    }
    assertThat(run.out())
        .containsPattern("scalar multiplication \\(baseline\\): +" + POSITIVE + " /s")
        .containsPattern(
            "hub, single key: +" + POSITIVE + " evaluations/s = " + POSITIVE + " multiplications")
        .containsPattern(
            "hub and regulator, split key: +" + POSITIVE + " evaluations/s = " + POSITIVE)
        .containsPattern(
            "platform, single key: +" + POSITIVE + " blind\\+verify\\+finalize/s = " + POSITIVE)
        .containsPattern(
            "platform, split key: +" + POSITIVE + " blind\\+verify\\+finalize/s = " + POSITIVE);
  }
}

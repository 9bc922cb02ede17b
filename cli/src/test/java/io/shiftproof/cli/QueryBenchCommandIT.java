package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The query benchmark runs end to end on a small load: every kind of request is answered at every
 * offered rate, without errors, and the held rate is stated.
 */
class QueryBenchCommandIT {
  @Test
  void queryBenchmarkPrintsLatenciesPerRateAgainstTheBaseline() {
    CommandLineIT.Run run =
        CommandLineIT.run(
            "bench", "query", "--workers", "20", "--rates", "30,60", "--seconds", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("\\n +30 +status with proof +\\d+ +[\\d.]+ +[\\d.]+ +[\\d.]+ +0 +0\\n")
        .containsPattern("\\n +60 +day record with proof +\\d+ +[\\d.]+ +[\\d.]+ +[\\d.]+ +0 +0\\n")
        .containsPattern(
            "\\n +60 +baseline: pseudonym key +\\d+ +[\\d.]+ +[\\d.]+ +[\\d.]+ +0 +0\\n")
        .contains("highest offered rate held with status and day p99 <= 5.0 ms");
  }
}

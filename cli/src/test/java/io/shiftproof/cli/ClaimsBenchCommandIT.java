package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The claims benchmark runs end to end on a small load and prints every figure it promises. */
class ClaimsBenchCommandIT {
  @Test
  void claimsBenchmarkPrintsReportsDecisionsAndTheAccessLogsCost() {
    CommandLineIT.Run run =
        CommandLineIT.run(
            "bench",
            "claims",
            "--workers",
            "40",
            "--claims",
            "10",
            "--queries",
            "200",
            "--rounds",
            "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern(
            "reports: +[1-9]\\d* of \\d+ opened, [\\d.]+ claims/s, latency p50 \\d+ ms,"
                + " p99 \\d+ ms")
        .containsPattern("decisions: [1-9]\\d* signed and committed, [\\d.]+ decisions/s")
        .containsPattern("access log on \\d+/s, off \\d+/s .*cost -?[\\d.]+ %");
  }
}

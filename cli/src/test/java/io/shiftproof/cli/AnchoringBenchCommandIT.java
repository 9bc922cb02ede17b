package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The anchoring benchmark runs end to end on a small load and prints every figure it promises. */
class AnchoringBenchCommandIT {
  @Test
  void anchoringBenchmarkPrintsTheOnOffRatioBatchesAndTheAnchoringWork() {
    CommandLineIT.Run run =
        CommandLineIT.run("bench", "anchoring", "--workers", "20", "--days", "2", "--rounds", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("anchoring off +[\\d,]+ +[\\d.]+ s +[\\d,]+")
        .containsPattern("anchoring on +[\\d,]+ +[\\d.]+ s +[\\d,]+")
        .contains("on / off:")
        .containsPattern("last anchored run: [1-9]\\d* batches")
        .containsPattern("anchoring work of that run, timed alone: [1-9]\\d* records")
        .contains("inclusion-proof latency: ./shiftproof bench micro")
        .doesNotContain("leaves/s");
  }
}

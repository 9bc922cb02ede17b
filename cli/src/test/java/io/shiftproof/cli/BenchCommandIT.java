package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ingest benchmark runs end to end on a small load and prints its comparisons. */
class BenchCommandIT {
  @Test
  void ingestBenchmarkPrintsGatewayAgainstBaseline() {
    CommandLineIT.Run run =
        CommandLineIT.run("bench", "ingest", "--workers", "20", "--concurrency", "4");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("gateway, batches signed")
        .contains("gateway, batches unsigned")
        .contains("baseline: one producer")
        .containsPattern("gateway / baseline throughput: \\d+\\.\\d\\d")
        .containsPattern("batch signatures cost -?\\d+\\.\\d %");
  }
}

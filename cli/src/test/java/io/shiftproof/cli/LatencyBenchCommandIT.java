package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The latency benchmark runs end to end on a small load: the probe's event is seen in the live
 * record and its latency printed. (The warm-up is too short for the evidence request to find a day
 * to seal, which the benchmark reports as a probe not completed.)
 */
class LatencyBenchCommandIT {
  @Test
  void latencyBenchmarkTimesAnEventIntoTheLiveRecord() {
    CommandLineIT.Run run =
        CommandLineIT.run(
            "bench",
            "latency",
            "--load",
            "100",
            "--load-workers",
            "20",
            "--probes",
            "1",
            "--warm-up",
            "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("acknowledged -> live record shows it +1 +\\d+ +\\d+ +\\d+")
        .containsPattern("background load achieved: \\d+ events/s")
        .contains("evidence request -> interim version sealed, anchored");
  }
}

package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The working-time benchmark runs end to end on a small load and its totals agree with SQL. */
class WorkingTimeBenchCommandIT {
  @Test
  void workingTimeBenchmarkComparesHeapRocksDbAndSqlAndTheTotalsAgree() {
    CommandLineIT.Run run =
        CommandLineIT.run("bench", "working-time", "--workers", "30", "--rounds", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("heap state")
        .contains("RocksDB state")
        .contains("SQL baseline")
        .contains("job, heap state: totals agree")
        .contains("job, RocksDB state: totals agree")
        .contains("silence timers")
        .contains("timers per worker-day")
        .containsPattern("live cadence, on +\\d+\\.\\d\\d +\\d+\\.\\d\\d +\\d+\\.\\d\\d ")
        .containsPattern("live cadence, off +\\d+\\.\\d\\d +\\d+\\.\\d\\d +0\\.00 ")
        .contains("added by the silence timers")
        .containsPattern("events/s on, off, cost .* %");
  }
}

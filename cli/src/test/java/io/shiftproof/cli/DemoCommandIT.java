package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** `./shiftproof demo` runs the whole path on a small simulation and explains what it shows. */
class DemoCommandIT {
  @Test
  void demoPushesADayOfWorkAndPrintsTheSummaryAndOneWorkersDay() {
    CommandLineIT.Run run = CommandLineIT.run("demo", "--workers", "30", "--ascii");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("1/4", "2/4", "3/4", "4/4")
        .contains("30 workers pseudonymised by platform-1")
        .contains("0 rejected")
        .containsPattern(
            "the same batch from platform-\\d under platform-\\d's signature: HTTP 400"
                + " BATCH_SIGNATURE_INVALID")
        .contains("cross-platform, actual")
        .contains("all platforms, siloed")
        .contains("Legend")
        .containsPattern("version \\d+ of the day record|[Ll]ive record")
        .contains("Totals")
        .contains("HTTP 200")
        .contains("A claim: insurer-1 covers every platform")
        .contains("evidence frozen")
        .contains("Checked offline against the CA, as ./shiftproof verify does: every check passes")
        .containsPattern(
            "with [1-9]\\d* of the worker's events in the window each under its"
                + " platform's batch signature")
        .contains("sees the claim PAID");
  }
}

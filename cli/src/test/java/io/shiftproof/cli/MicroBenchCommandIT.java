package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JMH micro-benchmarks run as a quick smoke run, forked with the test's own class path, and
 * print every benchmark and every comparison with its baseline.
 */
class MicroBenchCommandIT {
  /** A number above zero as printed: grouped digits, a decimal point or both. */
  private static final String POSITIVE = "(?:[1-9][\\d,]*(?:\\.\\d+)?|0\\.\\d*[1-9]\\d*)";

  @Test
  void quickRunPrintsEveryBenchmarkAndItsComparisonWithPositiveFigures() {
    CommandLineIT.Run run = CommandLineIT.run("bench", "micro", "--quick");

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String benchmark :
        List.of(
            "MerkleLeafHashing.plainSha256",
            "MerkleLeafHashing.leafHash",
            "MerkleTreeBuilding.fromRecords",
            "MerkleTreeBuilding.fromLeafHashes",
            "MerkleTreeBuilding.fromShortLeaves",
            "InclusionProofs.generate",
            "InclusionProofs.verify",
            "InclusionProofs.pathNodeHashes")) {
      assertThat(run.out())
          .as("JMH's row of %s", benchmark)
          .containsPattern(Pattern.quote(benchmark) + " +(thrpt|avgt) +\\d+ +" + POSITIVE);
    }
    assertThat(run.out())
        .containsPattern("plain SHA-256 \\(baseline\\): +" + POSITIVE + " records/s +" + POSITIVE)
        .containsPattern(
            "leaf hash: +" + POSITIVE + " leaves/s +" + POSITIVE + " MB/s = " + POSITIVE + " %")
        .containsPattern(
            "tree from records: +" + POSITIVE + " leaves/s +" + POSITIVE + " MB/s = " + POSITIVE)
        .containsPattern(
            "tree from leaf hashes: +" + POSITIVE + " leaves/s +interior nodes = " + POSITIVE)
        .containsPattern("tree from 256-byte leaves: +" + POSITIVE + " leaves/s += " + POSITIVE)
        .containsPattern("path node hashes \\(baseline\\): +" + POSITIVE + " us per proof")
        .containsPattern("proof generate: +" + POSITIVE + " us = " + POSITIVE + " %")
        .containsPattern("proof verify: +" + POSITIVE + " us = " + POSITIVE + " %");
  }
}

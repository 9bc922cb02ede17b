package io.shiftproof.ledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The anchor as the contract stores it, emits it and the ledger entry signs it: a published format
 * whose bytes must never change, so the expected strings are written out in full.
 */
class ContractJsonAnchorTest {
  static final Anchor FIRST =
      new Anchor(
          "wt-job/ckpt-41",
          "wt-job",
          1,
          Optional.empty(),
          "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b",
          3,
          1_795_708_800_000_000L,
          1_795_816_800_000_000L,
          "tx-0001",
          Instant.parse("2026-11-28T07:00:01.123456Z"));
  static final Anchor SECOND =
      new Anchor(
          "wt-job/ckpt-42",
          "wt-job",
          2,
          Optional.of("wt-job/ckpt-41"),
          "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35",
          5,
          1_795_708_800_000_000L,
          1_795_816_800_000_000L,
          "tx-0002",
          Instant.parse("2026-11-28T07:00:02Z"));

  @Test
  void firstAnchorOfAChainIsWrittenAsItAlwaysWas() {
    assertThat(ContractJson.anchorToJson(FIRST))
        .isEqualTo(
            """
            {"batchId":"wt-job/ckpt-41","chain":"wt-job","sequence":1,"previousBatchId":null,"root":"6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b","treeSize":3,"fromMicros":1795708800000000,"toMicros":1795816800000000,"txId":"tx-0001","anchoredAtMicros":1795849201123456}""");
  }

  @Test
  void laterAnchorIsWrittenAsItAlwaysWas() {
    assertThat(ContractJson.anchorToJson(SECOND))
        .isEqualTo(
            """
            {"batchId":"wt-job/ckpt-42","chain":"wt-job","sequence":2,"previousBatchId":"wt-job/ckpt-41","root":"d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35","treeSize":5,"fromMicros":1795708800000000,"toMicros":1795816800000000,"txId":"tx-0002","anchoredAtMicros":1795849202000000}""");
  }
}

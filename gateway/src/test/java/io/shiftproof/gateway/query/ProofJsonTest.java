package io.shiftproof.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.records.RecordProof;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code proof} member of query answers, text for text: the README documents it, so clients
 * parse it and it must never change.
 */
class ProofJsonTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final RecordProof PROOF =
      new RecordProof(
          Hash.fromHex("4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce"),
          new InclusionProof(
              3,
              5,
              List.of(
                  Hash.fromHex("4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a"),
                  Hash.fromHex(
                      "ef2d127de37b942baad06145e54b0c619a1f22327b2ebbcfbec78f5564afe39d"))),
          new Anchor(
              "wt-job/ckpt-42",
              "wt-job",
              2,
              Optional.of("wt-job/ckpt-41"),
              "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35",
              5,
              1_795_708_800_000_000L,
              1_795_816_800_123_000L,
              "tx-0002",
              Instant.parse("2026-11-28T07:00:02.123456Z")),
          new LedgerRef(LedgerRef.FABRIC, "shiftproof", "shiftproof", "c0ffee", 1207));

  @Test
  void anchoredProofIsWrittenAsItAlwaysWas() throws IOException {
    assertThat(written(Optional.of(PROOF)))
        .isEqualTo(
            """
            {"proof":{"leafHash":"4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce","leafIndex":3,"treeSize":5,"inclusionPath":["4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a","ef2d127de37b942baad06145e54b0c619a1f22327b2ebbcfbec78f5564afe39d"],"root":"d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35","anchor":{"batchId":"wt-job/ckpt-42","chain":"wt-job","sequence":2,"previousBatchId":"wt-job/ckpt-41","from":"2026-11-27T00:00:00+08:00","to":"2026-11-28T06:00:00.123+08:00","anchoredAt":"2026-11-28T15:00:02.123456+08:00","ledger":{"kind":"fabric","channel":"shiftproof","contract":"shiftproof","txId":"c0ffee","position":1207}}}}""");
  }

  @Test
  void firstAnchorOfAChainHasANullPreviousBatchId() throws IOException {
    Anchor a = PROOF.anchor();
    Anchor first =
        new Anchor(
            "wt-job/ckpt-1",
            a.chain(),
            1,
            Optional.empty(),
            a.rootHex(),
            a.treeSize(),
            a.fromMicros(),
            a.toMicros(),
            a.txId(),
            a.anchoredAt());
    RecordProof proof =
        new RecordProof(
            PROOF.leafHash(),
            PROOF.inclusion(),
            first,
            new LedgerRef(LedgerRef.EMBEDDED, "embedded", "shiftproof", "tx-0001", 1));

    assertThat(written(Optional.of(proof)))
        .isEqualTo(
            """
            {"proof":{"leafHash":"4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce","leafIndex":3,"treeSize":5,"inclusionPath":["4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a","ef2d127de37b942baad06145e54b0c619a1f22327b2ebbcfbec78f5564afe39d"],"root":"d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35","anchor":{"batchId":"wt-job/ckpt-1","chain":"wt-job","sequence":1,"previousBatchId":null,"from":"2026-11-27T00:00:00+08:00","to":"2026-11-28T06:00:00.123+08:00","anchoredAt":"2026-11-28T15:00:02.123456+08:00","ledger":{"kind":"embedded","channel":"embedded","contract":"shiftproof","txId":"tx-0001","position":1}}}}""");
  }

  @Test
  void recordNotYetAnchoredHasANullProof() throws IOException {
    assertThat(written(Optional.empty())).isEqualTo("{\"proof\":null}");
  }

  private static String written(Optional<RecordProof> proof) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.writeStartObject();
      ProofJson.write(json, proof, ZONE);
      json.writeEndObject();
    }
    return out.toString();
  }
}

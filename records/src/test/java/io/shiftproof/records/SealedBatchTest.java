package io.shiftproof.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.merkle.TreeHasher;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SealedBatchTest {
  private static final ZoneId ZONE = DayRecords.ZONE;
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

  @Test
  void theSameVersionsInAnyOrderGiveTheSameLeavesAndRoot() {
    List<SealedVersion> versions =
        List.of(
            version("wr_b", DAY, 1), version("wr_a", DAY.plusDays(1), 1), version("wr_a", DAY, 2));
    List<SealedVersion> shuffled = new ArrayList<>(versions);
    Collections.reverse(shuffled);

    SealedBatch batch = SealedBatch.of(versions);

    assertThat(SealedBatch.of(shuffled).rootHex()).isEqualTo(batch.rootHex());
    assertThat(batch.leaves())
        .extracting(v -> v.workerRef() + "/" + v.day() + "/v" + v.version())
        .containsExactly("wr_a/2026-11-28/v2", "wr_a/2026-11-29/v1", "wr_b/2026-11-28/v1");
    for (int i = 0; i < batch.leaves().size(); i++) {
      assertThat(
              MerkleVerifier.verifyInclusion(
                      TreeHasher.leafHash(batch.leaves().get(i).record()),
                      batch.proof(i),
                      Hash.fromHex(batch.rootHex()))
                  .failure())
          .isEmpty();
    }
  }

  @Test
  void anchorsTheEventTimeTheRecordsCover() {
    SealedBatch batch =
        SealedBatch.of(List.of(version("wr_a", DAY.plusDays(1), 1), version("wr_b", DAY, 1)));

    AnchorRequest request = batch.anchorRequest("job/e/7", "job", Optional.of("job/e/6"));

    assertThat(request.fromMicros()).isEqualTo(micros(DAY.atStartOfDay(ZONE)));
    assertThat(request.toMicros())
        .as("the latest coveredUntil: the end of the later day plus the silence timeout")
        .isEqualTo(micros(DAY.plusDays(2).atStartOfDay(ZONE).plusMinutes(10)));
    assertThat(request.treeSize()).isEqualTo(2);
    assertThat(request.rootHex()).isEqualTo(batch.rootHex());
  }

  /** Each version's totals differ, so two versions never hash alike. */
  private static SealedVersion version(String worker, LocalDate day, int version) {
    return DayRecords.worker(worker)
        .day(day)
        .version(version)
        // Covering the silence timeout past the day, as a settled day's record does.
        .coveredPastDay(Duration.ofMinutes(10))
        .totalsInMinutes(version, 0, 0, 0, version, 0)
        .sealedVersion();
  }

  private static long micros(ZonedDateTime t) {
    return t.toInstant().toEpochMilli() * 1_000;
  }
}

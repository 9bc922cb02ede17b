package io.shiftproof.streamjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.records.DayRecords;
import io.shiftproof.records.RecordStoreFixture;
import io.shiftproof.records.RecordStoreFixture.AnchoredBatchRow;
import io.shiftproof.records.SealedVersion;
import io.shiftproof.streamjobs.records.DayRecordUpdate;
import io.shiftproof.streamjobs.records.DayRecordUpdate.UpdateKind;
import io.shiftproof.streamjobs.records.SealedVersionCommitter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The committer restored from its own snapshots, as from a savepoint, against a real PostgreSQL
 * server and the embedded ledger: a restored checkpoint keeps its batch id, and the checkpoints
 * after a restore, whose ids the earlier run may already have used, anchor under new ones.
 */
class SealedVersionCommitterIT {
  private static final String JOB = "committer-it";
  private static final String ALICE = "wr_" + "A".repeat(43);
  private static final String BOB = "wr_" + "B".repeat(43);
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

  private RecordStoreFixture store;

  @BeforeEach
  void start() throws Exception {
    store = RecordStoreFixture.start();
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void checkpointsAfterRestoringASavepointAnchorUnderNewBatchIds() throws Exception {
    OperatorSubtaskState savepoint;
    try (var first = open(null)) {
      first.processElement(version(ALICE, 1), 0);
      savepoint = first.snapshot(1, 0);
      first.notifyOfCompletedCheckpoint(1);
      assertThat(anchorTransactions()).isEqualTo(1);

      first.processElement(version(ALICE, 2), 0);
      first.snapshot(2, 0);
      first.notifyOfCompletedCheckpoint(2);
      assertThat(anchorTransactions()).isEqualTo(2);
    }

    // Restored from checkpoint 1, the next checkpoint is 2 again, with other versions.
    try (var restored = open(savepoint)) {
      restored.processElement(version(BOB, 1), 0);
      restored.snapshot(2, 0);
      restored.notifyOfCompletedCheckpoint(2);
    }

    assertThat(anchorTransactions()).isEqualTo(3);
    List<AnchoredBatchRow> batches = store.anchoredBatches();
    assertThat(batches).extracting(AnchoredBatchRow::checkpointId).containsExactly(1L, 2L, 2L);
    assertThat(batches).extracting(AnchoredBatchRow::batchId).doesNotHaveDuplicates();
    assertThat(store.versions()).hasSize(3);
  }

  @Test
  void restoringTheSameCheckpointAgainAnchorsNothingNew() throws Exception {
    OperatorSubtaskState checkpoint;
    try (var first = open(null)) {
      first.processElement(version(ALICE, 1), 0);
      checkpoint = first.snapshot(1, 0);
      first.notifyOfCompletedCheckpoint(1);
    }
    List<AnchoredBatchRow> anchored = store.anchoredBatches();

    // Each restore stores the restored checkpoint again, as if its notification had been lost.
    for (int restore = 0; restore < 2; restore++) {
      try (var restored = open(checkpoint)) {
        assertThat(anchorTransactions()).as("after restore %d", restore + 1).isEqualTo(1);
      }
    }

    assertThat(store.anchoredBatches()).isEqualTo(anchored);
    assertThat(store.versions()).hasSize(1);
  }

  /** A committer on a fresh harness, restored from {@code state} unless it is null. */
  private OneInputStreamOperatorTestHarness<DayRecordUpdate, Void> open(OperatorSubtaskState state)
      throws Exception {
    var harness =
        new OneInputStreamOperatorTestHarness<DayRecordUpdate, Void>(
            new SealedVersionCommitter(store.config(), JOB, store.ledgerEndpoint()));
    harness.setup();
    harness.initializeState(state);
    harness.open();
    return harness;
  }

  private long anchorTransactions() throws Exception {
    return store.count("ledger_entry WHERE function = 'AnchorBatch'");
  }

  /** A sealed version as the job emits it; each version's totals differ, so none hash alike. */
  private static DayRecordUpdate version(String worker, int version) {
    SealedVersion v =
        DayRecords.worker(worker)
            .day(DAY)
            .version(version)
            .coveredPastDay(Duration.ZERO)
            .totalsInMinutes(version, 0, 0, 0, version, 0)
            .sealedVersion();
    return new DayRecordUpdate(
        v.workerRef(),
        v.day().toEpochDay(),
        v.version(),
        UpdateKind.valueOf(v.reason().name()),
        v.watermarkMillis(),
        v.coveredUntilMillis(),
        v.record());
  }
}

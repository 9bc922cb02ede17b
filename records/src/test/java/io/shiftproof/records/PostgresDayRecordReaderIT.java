package io.shiftproof.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionPaths;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DayRecordCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the store's writes leave, read back by the readers the gateway, the audit and the tools use,
 * against a real PostgreSQL server.
 */
class PostgresDayRecordReaderIT {
  private static final String JOB = "reader-it";
  private static final String ALICE = "wr_" + "A".repeat(43);
  private static final String BOB = "wr_" + "B".repeat(43);
  private static final LocalDate DAY = LocalDate.parse(DayRecords.DAY);

  private static RecordStoreFixture store;
  private static PostgresDayRecordReader reader;
  private static PostgresEvidenceReader evidence;

  @BeforeAll
  static void startServer() throws SQLException {
    store = RecordStoreFixture.start();
    reader = new PostgresDayRecordReader(store.config().dataSource(), JOB);
    evidence = new PostgresEvidenceReader(store.config().dataSource(), JOB);
  }

  @AfterAll
  static void stopServer() {
    store.close();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    store.truncateRecords();
  }

  @Test
  void anAnchoredVersionIsReadWithAProofOfItsLeafInTheAnchoredRoot() throws SQLException {
    Committed<Anchor> anchored = storeAnchored(version(ALICE, 1), version(BOB, 1));

    StoredDayRecord latest = reader.latest(ALICE, DAY).orElseThrow();

    assertThat(latest.record().getVersion()).isEqualTo(1);
    assertThat(latest.latestVersion()).isEqualTo(1);
    assertThat(latest.seal().orElseThrow().reason()).isEqualTo("SETTLED");
    RecordProof proof = latest.proof().orElseThrow();
    assertThat(proof.anchor()).isEqualTo(anchored.value());
    assertThat(proof.ledger()).isEqualTo(anchored.ref());
    assertThat(
            MerkleVerifier.verifyInclusion(
                    proof.leafHash(), proof.inclusion(), Hash.fromHex(anchored.value().rootHex()))
                .isVerified())
        .isTrue();
    assertThat(evidence.day(ALICE, DAY)).isInstanceOf(DayEvidence.Sealed.class);
  }

  @Test
  void aLiveDayIsReadAsItsLiveRecordAndIsNoEvidence() throws SQLException {
    LiveRecord live = DayRecords.worker(ALICE).liveUntil("15:00").liveRecord();
    writeLive(live);

    StoredDayRecord latest = reader.latest(ALICE, DAY).orElseThrow();

    assertThat(latest.record().getProvisional()).isTrue();
    assertThat(latest.seal()).isEmpty();
    assertThat(latest.latestVersion()).isZero();
    assertThat(reader.knowsWorker(ALICE)).isTrue();
    assertThat(reader.knowsWorker(BOB)).isFalse();
    assertThat(evidence.day(ALICE, DAY))
        .isEqualTo(new DayEvidence.NotSealed(DAY, Optional.of(live.coveredUntilMillis() * 1_000)));
    assertThat(evidence.day(BOB, DAY)).isEqualTo(new DayEvidence.NoRecord(DAY));
  }

  @Test
  void aLiveRecordReachingPastTheLatestInterimVersionIsTheFresherAnswer() throws SQLException {
    SealedVersion interim =
        DayRecords.worker(ALICE).interim(1).coveredUntil("12:00").sealedVersion();
    try (Connection c = store.connect()) {
      DayRecordStore.upsertLive(
          c, List.of(DayRecords.worker(ALICE).liveUntil("15:00").liveRecord()));
      DayRecordStore.insertVersions(c, List.of(interim), 3);
    }

    StoredDayRecord latest = reader.latest(ALICE, DAY).orElseThrow();

    assertThat(latest.seal()).as("the live record, not the interim version").isEmpty();
    assertThat(latest.latestVersion()).isEqualTo(1);
    assertThat(reader.sealed(ALICE, DAY, 1).orElseThrow().seal().orElseThrow().reason())
        .isEqualTo("INTERIM");
  }

  @Test
  void aQuietLiveRecordHoldsUpToTheJobsCommittedWatermarkAndAnOpenOneToItsEnd()
      throws SQLException {
    writeLive(DayRecords.worker(ALICE).liveUntil("10:00").quietLiveRecord());
    writeLive(DayRecords.worker(BOB).liveUntil("10:00").liveRecord());

    assertThat(reader.latest(ALICE, DAY).orElseThrow().knownUntil())
        .as("nothing committed yet")
        .isEqualTo(instant("10:00"));

    try (Connection c = store.connect()) {
      DayRecordStore.recordProgress(c, JOB, 0, instant("15:09").toEpochMilli(), 5);
      DayRecordStore.recordProgress(c, "another-job", 0, instant("23:00").toEpochMilli(), 5);
    }

    assertThat(reader.latest(ALICE, DAY).orElseThrow().knownUntil()).isEqualTo(instant("15:09"));
    assertThat(reader.latest(BOB, DAY).orElseThrow().knownUntil()).isEqualTo(instant("10:00"));

    try (Connection c = store.connect()) {
      DayRecordStore.recordProgress(c, JOB, 0, instant("24:00").toEpochMilli() + 60_000, 6);
    }
    assertThat(reader.latest(ALICE, DAY).orElseThrow().knownUntil())
        .as("never past the end of its day")
        .isEqualTo(instant("24:00"));
  }

  @Test
  void aQuietLiveRecordHoldingPastTheLatestInterimVersionIsTheAnswer() throws SQLException {
    SealedVersion interim =
        DayRecords.worker(ALICE).interim(1).coveredUntil("12:00").sealedVersion();
    try (Connection c = store.connect()) {
      DayRecordStore.upsertLive(
          c, List.of(DayRecords.worker(ALICE).liveUntil("11:00").quietLiveRecord()));
      DayRecordStore.insertVersions(c, List.of(interim), 3);
    }
    assertThat(reader.latest(ALICE, DAY).orElseThrow().seal())
        .as("the interim version")
        .isPresent();

    try (Connection c = store.connect()) {
      DayRecordStore.recordProgress(c, JOB, 0, instant("13:00").toEpochMilli(), 4);
    }

    StoredDayRecord latest = reader.latest(ALICE, DAY).orElseThrow();
    assertThat(latest.seal()).as("the live record").isEmpty();
    assertThat(latest.knownUntil()).isEqualTo(instant("13:00"));
  }

  private static Instant instant(String localTime) {
    return DayRecordCodec.instantOfMicros(DayRecords.micros(localTime));
  }

  @Test
  void theJobsProgressIsTheOldestOfItsSubtasks() throws SQLException {
    assertThat(evidence.committedWatermark()).isEmpty();
    try (Connection c = store.connect()) {
      DayRecordStore.recordProgress(c, JOB, 0, 2_000, 5);
      DayRecordStore.recordProgress(c, JOB, 1, 1_000, 5);
    }

    assertThat(evidence.committedWatermark()).contains(Instant.ofEpochMilli(1_000));
  }

  @Test
  void theAuditReadsEveryBatchWithItsLeavesAndEveryUnanchoredVersion() throws SQLException {
    Committed<Anchor> anchored = storeAnchored(version(ALICE, 1), version(BOB, 1));
    try (Connection c = store.connect()) {
      DayRecordStore.insertVersions(c, List.of(version(ALICE, 2)), 8);
    }

    try (Connection c = store.connect()) {
      List<StoredBatch> batches = StoredBatches.all(c);
      assertThat(batches).hasSize(1);
      StoredBatch batch = batches.get(0);
      assertThat(batch.batchId()).isEqualTo(anchored.value().batchId());
      assertThat(batch.root().toHex()).isEqualTo(anchored.value().rootHex());
      assertThat(batch.treeSize()).isEqualTo(2);

      List<StoredLeaf> leaves = new ArrayList<>();
      assertThat(StoredBatches.forEachLeaf(c, batch.batchId(), leaves::add)).isEqualTo(2);
      assertThat(leaves).extracting(StoredLeaf::leafIndex).containsExactly(0L, 1L);
      for (StoredLeaf leaf : leaves) {
        InclusionProof proof =
            new InclusionProof(
                leaf.leafIndex(), batch.treeSize(), InclusionPaths.decode(leaf.inclusionPath()));
        assertThat(
                MerkleVerifier.verifyInclusion(
                        TreeHasher.leafHash(leaf.record()), proof, batch.root())
                    .isVerified())
            .as(leaf.version().toString())
            .isTrue();
      }

      List<VersionKey> unanchored = new ArrayList<>();
      assertThat(StoredBatches.forEachUnanchored(c, unanchored::add)).isEqualTo(1);
      assertThat(unanchored).containsExactly(new VersionKey(ALICE, DAY, 2));
      assertThat(unanchored.get(0)).hasToString(ALICE + "/2026-11-28/v2");
      assertThat(StoredBatches.sizes(c)).isEqualTo(new StoredBatches.Sizes(1, 2.0, 2));
    }
  }

  @Test
  void theToolsReadTheLatestRecordOfEveryWorkerAndEverySealedVersion() throws SQLException {
    storeAnchored(version(ALICE, 1));
    try (Connection c = store.connect()) {
      DayRecordStore.insertVersions(c, List.of(version(ALICE, 2)), 8);
      DayRecordStore.upsertLive(c, List.of(DayRecords.worker(BOB).liveUntil("15:00").liveRecord()));
    }

    try (Connection c = store.connect()) {
      assertThat(PostgresDayRecordReader.latestOfEveryWorker(c, DAY))
          .extracting(DayRecord::getWorkerRef, DayRecord::getVersion)
          .containsExactlyInAnyOrder(tuple(ALICE, 2), tuple(BOB, 0));
      assertThat(PostgresDayRecordReader.latestSealedVersions(c))
          .extracting(DayRecord::getVersion)
          .containsExactly(2);
      assertThat(PostgresDayRecordReader.sealedRecordBytes(c)).hasSize(2);
    }
  }

  @Test
  void lateEventsReadBackNewestFirstEvenWithUndecodableBytes() throws SQLException {
    try (Connection c = store.connect()) {
      DayRecordStore.insertLateEvents(
          c,
          List.of(
              new LateEvent(
                  "platform-1",
                  "ev-1",
                  ALICE,
                  "b-1",
                  1_764_300_000_000_000L,
                  5L,
                  9L,
                  new byte[] {1})));
    }

    List<StoredLateEvent> events =
        new PostgresLateEventReader(store.config().dataSource())
            .newestFirst(
                new LateEventFilter(Optional.of(ALICE), Optional.empty()), Optional.empty(), 10);

    assertThat(events).hasSize(1);
    StoredLateEvent event = events.get(0);
    assertThat(event.eventId()).isEqualTo("ev-1");
    assertThat(event.reason()).isEqualTo(LateEvent.TOO_LATE);
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1_764_300_000L));
    assertThat(event.event()).as("the bytes do not decode, the row is still listed").isEmpty();
  }

  /** Version {@code n} of the worker's day; each version's totals differ, so none hash alike. */
  private static SealedVersion version(String worker, int n) {
    return DayRecords.worker(worker)
        .version(n)
        .coveredPastDay(Duration.ofMinutes(10))
        .totalsInMinutes(n, 0, 0, 0, n, 0)
        .sealedVersion();
  }

  /** Stores the versions as one batch, anchored as the ledger would answer. */
  private static Committed<Anchor> storeAnchored(SealedVersion... versions) throws SQLException {
    SealedBatch batch = SealedBatch.of(List.of(versions));
    AnchorRequest request = batch.anchorRequest(JOB + "/run/1", JOB, Optional.empty());
    Anchor anchor =
        new Anchor(
            request.batchId(),
            request.chain(),
            1,
            request.previousBatchId(),
            request.rootHex(),
            request.treeSize(),
            request.fromMicros(),
            request.toMicros(),
            "tx-1",
            Instant.parse("2026-11-29T00:00:00Z"));
    Committed<Anchor> anchored =
        new Committed<>(
            anchor, new LedgerRef(LedgerRef.EMBEDDED, "embedded", "shiftproof", "tx-1", 1));
    try (Connection c = store.connect()) {
      DayRecordStore.insertAnchoredBatch(c, batch, anchored, 1);
    }
    return anchored;
  }

  private static void writeLive(LiveRecord live) throws SQLException {
    try (Connection c = store.connect()) {
      DayRecordStore.upsertLive(c, List.of(live));
    }
  }
}

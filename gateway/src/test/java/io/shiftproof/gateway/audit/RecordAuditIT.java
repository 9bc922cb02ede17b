package io.shiftproof.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.ledger.contract.ContractKeys;
import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.Verifier;
import io.shiftproof.ledger.merkle.InclusionPaths;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.records.DayRecordStore;
import io.shiftproof.records.DayRecords;
import io.shiftproof.records.RecordStoreFixture;
import io.shiftproof.records.SealedBatch;
import io.shiftproof.records.SealedVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the stored records and the ledger by someone who can write the hub's PostgreSQL
 * database as the tables' owner, short of the hub's signing key unless a test says so, each caught
 * by the audit (docs/design.md §6.6).
 */
class RecordAuditIT {
  private static final String CHAIN = "shiftproof-working-time";
  private static final int BATCHES = 3;

  private static Path dir;
  private static RecordStoreFixture store;
  private static Ledger ledger;
  private static Verifier hubKey;

  /** The batches anchored and stored before each test, oldest first. */
  private final List<SealedBatch> batches = new ArrayList<>();

  private final List<Committed<Anchor>> anchors = new ArrayList<>();

  @BeforeAll
  static void startDatabase() throws SQLException {
    dir = TempDirectories.create("record-audit");
    store = RecordStoreFixture.start();
    DevCredentials credentials =
        DevCredentials.ensure(dir.resolve("credentials"), DevCredentials.STANDARD_ORGANISATIONS);
    ledger =
        Ledgers.open(
            LedgerKind.POSTGRES,
            new LedgerSettings(
                store.config().jdbcUrl(),
                store.config().user(),
                store.config().password(),
                credentials.serverKey().toString()),
            store.config().dataSource());
    hubKey = PemKeys.verifier(credentials.serverCertificate());
  }

  @AfterAll
  static void stopDatabase() {
    ledger.close();
    store.close();
    TempDirectories.delete(dir);
  }

  @BeforeEach
  void anchorAndStoreThreeBatches() throws SQLException {
    store.truncateRecords();
    tamper(
        "TRUNCATE ledger_event, ledger_state, ledger_entry;"
            + " UPDATE ledger_head SET sequence = 0, entry_hash = decode(repeat('00', 32), 'hex')");
    Optional<String> previous = Optional.empty();
    for (int b = 1; b <= BATCHES; b++) {
      List<SealedVersion> versions = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        versions.add(version("wr_" + (char) ('A' + w) + "x".repeat(42), b, b * 10 + w));
      }
      SealedBatch batch = SealedBatch.of(versions);
      Committed<Anchor> anchored =
          ledger.anchorBatch(batch.anchorRequest(CHAIN + "/run/" + b, CHAIN, previous));
      try (Connection c = store.connect()) {
        DayRecordStore.insertAnchoredBatch(c, batch, anchored, b);
      }
      batches.add(batch);
      anchors.add(anchored);
      previous = Optional.of(anchored.value().batchId());
    }
  }

  @Test
  void theUntouchedStoreIsClean() throws SQLException {
    AuditReport report = audit(Optional.empty());

    assertThat(report.findings()).isEmpty();
    assertThat(report.batches()).isEqualTo(BATCHES);
    assertThat(report.records()).isEqualTo(BATCHES * 3);
    assertThat(report.ledgerEntries()).isEqualTo(BATCHES);
    assertThat(audit(Optional.of(ledger.signedHead().orElseThrow())).findings()).isEmpty();
  }

  /**
   * The whole story rewritten consistently in the database: a record, every inclusion path of its
   * batch, the stored root and the ledger's world state. Only the signed entry still holds the
   * anchored root.
   */
  @Test
  void aRecordRewrittenWithItsPathStoredRootAndLedgerStateIsCaught() throws SQLException {
    SealedBatch original = batches.get(1);
    String batchId = anchors.get(1).value().batchId();
    List<SealedVersion> forgedVersions = new ArrayList<>(original.leaves());
    SealedVersion victim = forgedVersions.get(0);
    // The worker was on task much less than the record said.
    forgedVersions.set(0, version(victim.workerRef(), 2, 1));
    SealedBatch forged = SealedBatch.of(forgedVersions);
    Anchor signed = anchors.get(1).value();
    Anchor rewritten =
        new Anchor(
            signed.batchId(),
            signed.chain(),
            signed.sequence(),
            signed.previousBatchId(),
            forged.rootHex(),
            signed.treeSize(),
            signed.fromMicros(),
            signed.toMicros(),
            signed.txId(),
            signed.anchoredAt());
    try (Connection c = store.connect()) {
      for (int i = 0; i < forged.leaves().size(); i++) {
        SealedVersion v = forged.leaves().get(i);
        try (PreparedStatement p =
            c.prepareStatement(
                "UPDATE day_record_version SET record = ?, inclusion_path = ?"
                    + " WHERE worker_ref = ? AND day = ? AND version = ?")) {
          p.setBytes(1, v.record());
          p.setBytes(2, InclusionPaths.encode(forged.proof(i).path()));
          p.setString(3, v.workerRef());
          p.setObject(4, v.day());
          p.setInt(5, v.version());
          assertThat(p.executeUpdate()).isEqualTo(1);
        }
      }
      try (PreparedStatement p =
          c.prepareStatement("UPDATE anchor_batch SET root = ? WHERE batch_id = ?")) {
        p.setBytes(1, io.shiftproof.ledger.merkle.Hash.fromHex(forged.rootHex()).bytes());
        p.setString(2, batchId);
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement p =
          c.prepareStatement("UPDATE ledger_state SET value = ? WHERE key = ?")) {
        p.setBytes(1, ContractJson.anchorToJson(rewritten).getBytes(StandardCharsets.UTF_8));
        p.setString(2, ContractKeys.anchor(batchId));
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
    }
    assertThat(ledger.anchor(batchId).orElseThrow().rootHex())
        .as("the world state now tells the forged story")
        .isEqualTo(forged.rootHex());

    AuditReport report = audit(Optional.empty());

    assertThat(codes(report))
        .contains("ANCHOR_MISMATCH", "RECORD_CHANGED", "LEDGER_STATE_MISMATCH")
        .doesNotContain("LEDGER_ENTRY_BROKEN");
    assertThat(report.findings())
        .filteredOn(f -> f.code().equals("RECORD_CHANGED"))
        .extracting(f -> f.record().orElseThrow())
        .contains(victim.workerRef() + "/" + victim.day() + "/v" + victim.version());
    assertThat(report.findings())
        .filteredOn(f -> !f.code().equals("RECORD_CHANGED"))
        .allSatisfy(f -> assertThat(f.batchId()).hasValue(batchId));
  }

  @Test
  void theNewestBatchesDeletedWithTheirRecordsAndTheChainHeadAreCaught() throws SQLException {
    String second = anchors.get(1).value().batchId();
    String third = anchors.get(2).value().batchId();
    try (Connection c = store.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "DELETE FROM day_record_version WHERE batch_id IN ('" + second + "', '" + third + "')");
      s.execute("DELETE FROM anchor_batch WHERE batch_id IN ('" + second + "', '" + third + "')");
      // The chain head in the world state put back to the first batch, so the next anchor fits.
      try (PreparedStatement p =
          c.prepareStatement("UPDATE ledger_state SET value = ? WHERE key = ?")) {
        p.setBytes(1, anchors.get(0).value().batchId().getBytes(StandardCharsets.UTF_8));
        p.setString(2, ContractKeys.head(CHAIN));
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
    }

    AuditReport report = audit(Optional.empty());

    assertThat(report.findings())
        .filteredOn(f -> f.code().equals("BATCH_MISSING"))
        .extracting(f -> f.batchId().orElseThrow())
        .containsExactlyInAnyOrder(second, third);
    assertThat(report.findings())
        .filteredOn(f -> f.batchId().equals(Optional.of(third)))
        .singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("newest"));
    assertThat(codes(report)).contains("LEDGER_STATE_MISMATCH");
  }

  @Test
  void aStoredLedgerReferenceMovedToAnotherEntryIsCaught() throws SQLException {
    String batchId = anchors.get(1).value().batchId();
    try (Connection c = store.connect();
        PreparedStatement p =
            c.prepareStatement(
                "UPDATE anchor_batch SET ledger_tx_id = ?, ledger_position = 1"
                    + " WHERE batch_id = ?")) {
      p.setString(1, anchors.get(0).value().txId());
      p.setString(2, batchId);
      assertThat(p.executeUpdate()).isEqualTo(1);
    }

    AuditReport report = audit(Optional.empty());

    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("ANCHOR_MISMATCH");
              assertThat(f.batchId()).hasValue(batchId);
              assertThat(f.detail()).contains("stored ledger transaction");
            });
  }

  /**
   * With the append-only trigger disabled (as the owner can), the newest entry goes too, with its
   * batch, state and head row: the log left behind is consistent, so only a head an outsider kept
   * shows the cut.
   */
  @Test
  void aCutLogTailIsCaughtAgainstAKeptHead() throws SQLException {
    SignedLedgerHead kept = ledger.signedHead().orElseThrow();
    assertThat(kept.sequence()).isEqualTo(BATCHES);
    assertThat(kept.verifiedBy(hubKey)).isTrue();
    cutNewestBatch();

    assertThat(audit(Optional.empty()).findings())
        .as("without a kept head a consistent cut cannot show")
        .isEmpty();
    AuditReport report = audit(Optional.of(kept));

    assertThat(codes(report)).containsExactly("LEDGER_TAIL_CUT");
    assertThat(report.findings().get(0).detail()).contains("ends at entry 2").contains("entry 3");
  }

  /**
   * The tail cut and written again with the hub's key (an insider holding it): the log verifies,
   * but no longer holds the kept head's entry.
   */
  @Test
  void aRewrittenLogTailIsCaughtAgainstAKeptHead() throws SQLException {
    SignedLedgerHead kept = ledger.signedHead().orElseThrow();
    cutNewestBatch();
    SealedBatch other = SealedBatch.of(List.of(version("wr_Z" + "x".repeat(42), 3, 99)));
    ledger.anchorBatch(
        other.anchorRequest(
            CHAIN + "/run/3-rewritten", CHAIN, Optional.of(anchors.get(1).value().batchId())));

    AuditReport report = audit(Optional.of(kept));

    assertThat(codes(report)).contains("LEDGER_TAIL_REWRITTEN");
    assertThat(ledger.signedHead().orElseThrow().sequence()).isEqualTo(kept.sequence());
    assertThat(ledger.signedHead().orElseThrow().hash()).isNotEqualTo(kept.hash());
  }

  @Test
  void aKeptHeadNotSignedByTheHubProvesNothing() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    SignedLedgerHead real = ledger.signedHead().orElseThrow();
    SignedLedgerHead forged =
        SignedLedgerHead.sign(
            real.sequence() + 5,
            real.hash(),
            real.txTime(),
            EcdsaP256Signer.of(generator.generateKeyPair().getPrivate()));

    assertThat(codes(audit(Optional.of(forged)))).containsExactly("KEPT_HEAD_INVALID");
  }

  /** Removes the newest batch everywhere the owner can: records, entry, state and head row. */
  private void cutNewestBatch() throws SQLException {
    Anchor third = anchors.get(2).value();
    Anchor second = anchors.get(1).value();
    try (Connection c = store.connect();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM day_record_version WHERE batch_id = '" + third.batchId() + "'");
      s.execute("DELETE FROM anchor_batch WHERE batch_id = '" + third.batchId() + "'");
    }
    tamper(
        "DELETE FROM ledger_event WHERE sequence = 3;"
            + " DELETE FROM ledger_state WHERE updated_by_sequence = 3;"
            + " DELETE FROM ledger_entry WHERE sequence = 3;"
            + " UPDATE ledger_head SET sequence = 2,"
            + " entry_hash = (SELECT entry_hash FROM ledger_entry WHERE sequence = 2)");
    try (Connection c = store.connect();
        PreparedStatement p = c.prepareStatement("INSERT INTO ledger_state VALUES (?, ?, 2)")) {
      p.setString(1, ContractKeys.head(CHAIN));
      p.setBytes(2, second.batchId().getBytes(StandardCharsets.UTF_8));
      p.executeUpdate();
    }
  }

  private static AuditReport audit(Optional<SignedLedgerHead> kept) throws SQLException {
    // Nothing is in flight here: every anchored batch was stored before the audit.
    return new RecordAudit(
            store.config().dataSource(), ledger, hubKey, Duration.ZERO, Clock.systemUTC())
        .run(kept);
  }

  private static List<String> codes(AuditReport report) {
    return report.findings().stream().map(AuditFinding::code).distinct().toList();
  }

  /** Version {@code n} of a worker's day, its on-task minutes {@code minutes}. */
  private static SealedVersion version(String worker, int n, int minutes) {
    return DayRecords.worker(worker)
        .version(n)
        .coveredPastDay(Duration.ofMinutes(10))
        .totalsInMinutes(minutes, minutes, minutes, 0, minutes, 0)
        .sealedVersion();
  }

  /** SQL as the tables' owner with the log's append-only triggers off, as only the owner can. */
  private static void tamper(String sql) throws SQLException {
    try (Connection c = store.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "ALTER TABLE ledger_entry DISABLE TRIGGER USER; "
              + sql
              + "; ALTER TABLE ledger_entry ENABLE TRIGGER USER");
    }
  }
}

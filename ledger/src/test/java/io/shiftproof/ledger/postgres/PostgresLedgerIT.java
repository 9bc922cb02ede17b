package io.shiftproof.ledger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.ChainVerification;
import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerContractSuite;
import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.ledger.contract.ContractRoles;
import io.shiftproof.ledger.contract.IncidentReport;
import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.Verifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL ledger on a real PostgreSQL server: the shared suite plus its own log's checks.
 */
class PostgresLedgerIT extends LedgerContractSuite {
  private static final KeyPair HUB_KEYS = TestKeys.p256();
  private static final Verifier HUB_KEY = EcdsaP256Verifier.of(HUB_KEYS.getPublic());

  private static LedgerDatabase db;

  @BeforeAll
  static void startDatabase() throws SQLException {
    db = LedgerDatabase.start();
  }

  @AfterAll
  static void stopDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Ledger newLedger() throws SQLException {
    db.reset();
    return ledgerAs(ContractRoles.ADMIN);
  }

  private static PostgresLedger ledgerAs(String role) {
    return PostgresLedger.create(
        db::connect, EcdsaP256Signer.of(HUB_KEYS.getPrivate()), Clock.systemUTC(), "hub-org", role);
  }

  /** The chain check, which this ledger always gives. */
  private ChainVerification verifyChain(Verifier hubKey) {
    return ledger.verifyChain(hubKey).orElseThrow();
  }

  /** The attestation of a transaction known only by its id: the log looks entries up by id. */
  private Optional<AnchorAttestation> attestation(String txId) {
    return ledger.anchorAttestation(
        new LedgerRef(
            LedgerRef.EMBEDDED, PostgresLedger.CHANNEL, PostgresLedger.CONTRACT, txId, 0));
  }

  private void anchorThree() {
    ledger.anchorBatch(anchorRequest("b1", Optional.empty()));
    ledger.anchorBatch(anchorRequest("b2", Optional.of("b1")));
    ledger.anchorBatch(anchorRequest("b3", Optional.of("b2")));
  }

  @Test
  void entriesAreSignedByTheHubAndChainedByHash() {
    Committed<Anchor> first = ledger.anchorBatch(anchorRequest("b1", Optional.empty()));
    Committed<Anchor> second = ledger.anchorBatch(anchorRequest("b2", Optional.of("b1")));

    AnchorAttestation one = ledger.anchorAttestation(first.ref()).orElseThrow();
    AnchorAttestation two = ledger.anchorAttestation(second.ref()).orElseThrow();

    assertThat(one.entry().sequence()).isEqualTo(first.ref().position()).isEqualTo(1);
    assertThat(one.entry().previousHash()).isEqualTo(LedgerEntry.GENESIS);
    assertThat(two.entry().previousHash()).isEqualTo(one.entry().hash());
    assertThat(two.entry().function()).isEqualTo("AnchorBatch");
    assertThat(two.entry().invoker()).isEqualTo("hub-org");
    assertThat(two.entry().payloadJson()).isEqualTo(ContractJson.anchorToJson(second.value()));
    assertThat(two.entry().txTime()).isEqualTo(second.value().anchoredAt());
    assertThat(
            HUB_KEY.verify(
                SignatureContext.LEDGER_ENTRY, two.entry().signedBytes(), two.signature()))
        .isTrue();
    // Signed as a ledger entry, so never valid as any other kind of message.
    assertThat(
            HUB_KEY.verify(
                SignatureContext.EVIDENCE_BUNDLE, two.entry().signedBytes(), two.signature()))
        .isFalse();
    assertThat(second.ref())
        .isEqualTo(
            new LedgerRef(
                LedgerRef.EMBEDDED,
                PostgresLedger.CHANNEL,
                PostgresLedger.CONTRACT,
                second.value().txId(),
                2));
    assertThat(attestation("no-such-tx")).isEmpty();
  }

  @Test
  void intactChainVerifiesWithTheHubKey() {
    anchorThree();
    ledger.reportIncident(new IncidentReport("claim-1", "w", INCIDENT, Optional.empty()));

    ChainVerification result = verifyChain(HUB_KEY);

    assertThat(result.ok()).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(4);
  }

  @Test
  void theSignedHeadIsTheNewestEntryWithAContextPrefix() {
    SignedLedgerHead empty = ledger.signedHead().orElseThrow();
    assertThat(empty.sequence()).isZero();
    assertThat(empty.hash()).isEqualTo(LedgerEntry.GENESIS);
    anchorThree();
    Committed<Anchor> newest = ledger.anchorBatch(anchorRequest("b4", Optional.of("b3")));
    LedgerEntry entry = ledger.anchorAttestation(newest.ref()).orElseThrow().entry();

    SignedLedgerHead head = ledger.signedHead().orElseThrow();

    assertThat(head.sequence()).isEqualTo(4);
    assertThat(head.hash()).isEqualTo(entry.hash());
    assertThat(head.txTime()).isEqualTo(entry.txTime());
    assertThat(head.verifiedBy(HUB_KEY)).isTrue();
    assertThat(new String(head.signedBytes(), StandardCharsets.US_ASCII)).startsWith("{");
    assertThat(HUB_KEY.verify(SignatureContext.LEDGER_ENTRY, head.signedBytes(), head.signature()))
        .as("a head signature is no entry signature")
        .isFalse();
    assertThat(HUB_KEY.verify(SignatureContext.LEDGER_ENTRY, entry.signedBytes(), head.signature()))
        .as("a head signature is no entry signature")
        .isFalse();
    assertThat(SignedLedgerHead.fromJson(head.toJson())).isEqualTo(head);
  }

  @Test
  void theHubSignsNoHeadTheLogDoesNotEndWith() throws SQLException {
    anchorThree();
    db.execute(
        "UPDATE ledger_head SET sequence = 2,"
            + " entry_hash = (SELECT entry_hash FROM ledger_entry WHERE sequence = 2)");

    assertThatThrownBy(() -> ledger.signedHead())
        .isInstanceOfSatisfying(
            LedgerException.class, e -> assertThat(e.code()).isEqualTo("INTERNAL"))
        .hasMessageContaining("past the head's 2");
  }

  @Test
  void emptyLogVerifies() {
    assertThat(verifyChain(HUB_KEY)).isEqualTo(ChainVerification.intact(0));
  }

  @Test
  void chainSignedByAnotherKeyFailsAtTheFirstEntry() {
    anchorThree();

    ChainVerification result = verifyChain(EcdsaP256Verifier.of(TestKeys.p256().getPublic()));

    assertThat(result.brokenAt()).contains(1L);
    assertThat(result.reason()).contains("signature: does not verify with the hub key");
  }

  @Test
  void tamperedPayloadIsReportedAtItsSequence() throws SQLException {
    anchorThree();
    db.tamper(
        "UPDATE ledger_entry SET payload = replace(payload, '\"treeSize\":2', '\"treeSize\":3')"
            + " WHERE sequence = 2");

    ChainVerification result = verifyChain(HUB_KEY);

    assertThat(result.brokenAt()).contains(2L);
    assertThat(result.entriesChecked()).isEqualTo(1);
    assertThat(result.reason().orElseThrow()).startsWith("entryHash: got");
  }

  @Test
  void tamperedPayloadWithRecomputedHashStillFailsTheSignature() throws SQLException {
    anchorThree();
    AnchorAttestation stored = attestation(ledger.anchor("b2").orElseThrow().txId()).orElseThrow();
    LedgerEntry e = stored.entry();
    String forged = e.payloadJson().replace("\"treeSize\":2", "\"treeSize\":3");
    LedgerEntry forgedEntry =
        new LedgerEntry(
            e.sequence(),
            e.txId(),
            e.txTime(),
            e.function(),
            e.invoker(),
            forged,
            e.previousHash());
    db.tamper(
        "UPDATE ledger_entry SET payload = '"
            + forged
            + "', entry_hash = decode('"
            + forgedEntry.hash().toHex()
            + "', 'hex') WHERE sequence = 2");

    ChainVerification result = verifyChain(HUB_KEY);

    assertThat(result.brokenAt()).contains(2L);
    assertThat(result.reason()).contains("signature: does not verify with the hub key");
  }

  @Test
  void tamperedPreviousHashIsReportedAtItsSequence() throws SQLException {
    anchorThree();
    db.tamper(
        "UPDATE ledger_entry SET previous_hash = decode(repeat('11', 32), 'hex')"
            + " WHERE sequence = 3");

    ChainVerification result = verifyChain(HUB_KEY);

    assertThat(result.brokenAt()).contains(3L);
    assertThat(result.entriesChecked()).isEqualTo(2);
    assertThat(result.reason().orElseThrow()).startsWith("previousHash: got " + "11".repeat(32));
  }

  @Test
  void payloadThatIsNotJsonIsReportedAtItsSequence() throws SQLException {
    anchorThree();
    db.tamper("UPDATE ledger_entry SET payload = 'x' WHERE sequence = 2");

    ChainVerification result = verifyChain(HUB_KEY);

    assertThat(result.brokenAt()).contains(2L);
    assertThat(result.entriesChecked()).isEqualTo(1);
    assertThat(result.reason().orElseThrow()).startsWith("payload: ");
  }

  @Test
  void payloadWithADuplicateMemberIsReportedAtItsSequence() throws SQLException {
    anchorThree();
    db.tamper(
        "UPDATE ledger_entry SET payload = replace(payload, '{', '{\"treeSize\":1,')"
            + " WHERE sequence = 3");

    ChainVerification result = verifyChain(HUB_KEY);

    assertThat(result.brokenAt()).contains(3L);
    assertThat(result.reason().orElseThrow()).startsWith("payload: ").contains("appears twice");
  }

  @Test
  void previousHashOfTheWrongLengthIsReportedAtItsSequence() throws SQLException {
    anchorThree();
    // All zeros but short: read as the genesis hash, it would chain.
    db.tamper(
        "ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_previous_hash_check;"
            + " UPDATE ledger_entry SET previous_hash = decode(repeat('00', 31), 'hex')"
            + " WHERE sequence = 1");

    try {
      ChainVerification result = verifyChain(HUB_KEY);

      assertThat(result.brokenAt()).contains(1L);
      assertThat(result.entriesChecked()).isZero();
      assertThat(result.reason()).contains("previousHash: got 31 bytes, want 32");
    } finally {
      restorePreviousHashCheck();
    }
  }

  private static void restorePreviousHashCheck() throws SQLException {
    db.reset();
    db.execute(
        "ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_previous_hash_check"
            + " CHECK (length(previous_hash) = 32)");
  }

  @Test
  void headAheadOfTheEntriesIsReportedAtTheFirstMissingEntry() throws SQLException {
    anchorThree();
    ledger.anchorBatch(anchorRequest("b4", Optional.of("b3")));
    ledger.anchorBatch(anchorRequest("b5", Optional.of("b4")));
    // Entries 4 and 5 dropped from the end: 1..3 still chain, only the head still names 5.
    db.tamper(
        "DELETE FROM ledger_event WHERE sequence >= 4;"
            + " DELETE FROM ledger_state WHERE updated_by_sequence >= 4;"
            + " DELETE FROM ledger_entry WHERE sequence >= 4");

    ChainVerification result = verifyChain(HUB_KEY);

    assertThat(result.brokenAt()).contains(4L);
    assertThat(result.entriesChecked()).isEqualTo(3);
    assertThat(result.reason().orElseThrow()).startsWith("head: got sequence 5");
  }

  @Test
  void gapInTheSequenceIsReportedAtTheFirstMissingEntry() throws SQLException {
    anchorThree();
    ledger.anchorBatch(anchorRequest("b4", Optional.of("b3")));
    db.tamper(
        "DELETE FROM ledger_event WHERE sequence = 2;"
            + " DELETE FROM ledger_state WHERE updated_by_sequence = 2;"
            + " DELETE FROM ledger_entry WHERE sequence = 2");

    ChainVerification result = verifyChain(HUB_KEY);

    assertThat(result.brokenAt()).contains(2L);
    assertThat(result.entriesChecked()).isEqualTo(1);
    assertThat(result.reason()).contains("sequence: got 3, want 2");
  }

  @Test
  void tamperedSignatureIsReportedAtItsSequence() throws SQLException {
    anchorThree();
    db.tamper(
        "UPDATE ledger_entry SET signature = (SELECT signature FROM ledger_entry WHERE sequence ="
            + " 1) WHERE sequence = 2");

    ChainVerification result = verifyChain(HUB_KEY);

    assertThat(result.brokenAt()).contains(2L);
    assertThat(result.reason()).contains("signature: does not verify with the hub key");
  }

  @Test
  void entriesCannotBeUpdatedOrDeletedThroughTheDatabase() {
    anchorThree();

    assertThatThrownBy(() -> db.execute("UPDATE ledger_entry SET invoker = 'x'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> db.execute("DELETE FROM ledger_event; DELETE FROM ledger_entry"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
    assertThat(verifyChain(HUB_KEY).entriesChecked()).isEqualTo(3);
  }

  @Test
  void entriesCannotBeTruncatedThroughTheDatabase() {
    anchorThree();

    // TRUNCATE fires no row trigger; with the head reset, an emptied log would verify as intact.
    assertThatThrownBy(
            () ->
                db.execute(
                    "TRUNCATE ledger_event, ledger_state, ledger_entry;"
                        + " UPDATE ledger_head SET sequence = 0,"
                        + " entry_hash = decode(repeat('00', 32), 'hex')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only: TRUNCATE refused");
    assertThat(verifyChain(HUB_KEY)).isEqualTo(ChainVerification.intact(3));
  }

  @Test
  void refusedTransactionsWriteNothing() throws SQLException {
    anchorThree();
    long entries = db.count("ledger_entry");
    long state = db.count("ledger_state");
    long events = db.count("ledger_event");

    ledgerRefusal(() -> ledger.anchorBatch(anchorRequest("b4", Optional.of("b1"))));
    ledgerRefusal(
        () ->
            ledger.anchorBatch(
                new AnchorRequest("b1", CHAIN, Optional.empty(), ROOT_B, 2, 1_000, 2_000)));
    ledgerRefusal(
        () -> ledger.onBehalfOf("picc", "insurer").markPaid(new ClaimPayment("claim-x", "p", 1)));
    try (PostgresLedger platform = ledgerAs(ContractRoles.PLATFORM)) {
      LedgerException forbidden =
          ledgerRefusal(() -> platform.anchorBatch(anchorRequest("b4", Optional.of("b3"))));
      assertThat(forbidden.code()).isEqualTo("FORBIDDEN");
      assertThat(forbidden.retriable()).isFalse();
    }

    assertThat(db.count("ledger_entry")).isEqualTo(entries);
    assertThat(db.count("ledger_state")).isEqualTo(state);
    assertThat(db.count("ledger_event")).isEqualTo(events);
    assertThat(verifyChain(HUB_KEY).ok()).isTrue();
  }

  @Test
  void idempotentReAnchorWritesNoEntry() throws SQLException {
    anchorThree();
    long entries = db.count("ledger_entry");

    Committed<Anchor> again = ledger.anchorBatch(anchorRequest("b2", Optional.of("b1")));

    assertThat(db.count("ledger_entry")).isEqualTo(entries);
    assertThat(again.ref().position()).isEqualTo(2);
  }

  @Test
  void eventsAreStoredWithTheirEntry() throws SQLException {
    Committed<Anchor> anchor = ledger.anchorBatch(anchorRequest("b1", Optional.empty()));

    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT sequence, name, payload FROM ledger_event")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getLong(1)).isEqualTo(1);
      assertThat(r.getString(2)).isEqualTo("AnchorCommitted");
      assertThat(new String(r.getBytes(3), StandardCharsets.UTF_8))
          .isEqualTo(ContractJson.anchorToJson(anchor.value()));
      assertThat(r.next()).isFalse();
    }
  }

  @Test
  void concurrentWritersOnOneChainBuildAContiguousChain() throws Exception {
    int threads = 4;
    int batchesPerThread = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Void> writer =
            () -> {
              for (int i = 0; i < batchesPerThread; i++) {
                anchorAfterHead("t" + thread + "-" + i);
              }
              return null;
            };
        results.add(pool.submit(writer));
      }
      for (Future<Void> result : results) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }

    int total = threads * batchesPerThread;
    Set<String> seen = new HashSet<>();
    Optional<Anchor> cursor = ledger.head(CHAIN);
    for (long expected = total; expected >= 1; expected--) {
      Anchor anchor = cursor.orElseThrow();
      assertThat(anchor.sequence()).isEqualTo(expected);
      assertThat(seen.add(anchor.batchId())).isTrue();
      cursor = anchor.previousBatchId().flatMap(ledger::anchor);
    }
    assertThat(cursor).isEmpty();
    assertThat(seen).hasSize(total);
    assertThat(db.count("ledger_entry")).isEqualTo(total);
    assertThat(verifyChain(HUB_KEY)).isEqualTo(ChainVerification.intact(total));
  }

  /** What a writer does: read the head, anchor after it, and on a lost race read it again. */
  private void anchorAfterHead(String batchId) {
    // Bounded, so a regression in head locking fails the test instead of hanging it.
    for (int attempt = 0; attempt < 1_000; attempt++) {
      Optional<String> head = ledger.head(CHAIN).map(Anchor::batchId);
      try {
        ledger.anchorBatch(anchorRequest(batchId, head));
        return;
      } catch (LedgerException e) {
        if (!e.code().equals("PREVIOUS_ANCHOR_MISMATCH")) {
          throw e;
        }
      }
    }
    throw new AssertionError("no progress anchoring " + batchId + " after 1,000 attempts");
  }

  @Test
  void itsKindIsEmbedded() {
    assertThat(ledger.kind()).isEqualTo(LedgerRef.EMBEDDED);
  }

  @Test
  void openedFromASerialisedConfigItSignsWithTheKeyFile(@TempDir Path dir) throws Exception {
    Path keyFile = TestKeys.writePrivateKey(HUB_KEYS, dir.resolve("hub-key.pem"));
    PostgresLedgerConfig config =
        new PostgresLedgerConfig(
            db.jdbcUrl(), db.user(), db.password(), keyFile.toString(), "hub-org", "hub");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(config);
    }
    PostgresLedgerConfig shipped;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      shipped = (PostgresLedgerConfig) in.readObject();
    }

    try (Ledger opened = shipped.connect()) {
      opened.anchorBatch(anchorRequest("b1", Optional.empty()));
    }
    assertThat(shipped).isEqualTo(config);
    assertThat(verifyChain(HUB_KEY)).isEqualTo(ChainVerification.intact(1));
  }
}

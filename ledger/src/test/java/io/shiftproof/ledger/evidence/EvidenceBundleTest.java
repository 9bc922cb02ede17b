package io.shiftproof.ledger.evidence;

import static io.shiftproof.ledger.evidence.EvidenceFixture.BATCH_1;
import static io.shiftproof.ledger.evidence.EvidenceFixture.DAY_1;
import static io.shiftproof.ledger.evidence.EvidenceFixture.DAY_2;
import static io.shiftproof.ledger.evidence.EvidenceFixture.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DayRecordJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceBundleTest {
  @TempDir Path dir;
  private EvidenceFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = EvidenceFixture.create(dir);
  }

  @Test
  void bundleHasTheDocumentedLayout() {
    Map<?, ?> bundle = (Map<?, ?>) JsonTree.parse(fixture.bundle());

    assertThat(keys(bundle))
        .containsExactly(
            "format",
            "workerRef",
            "zone",
            "incidentAt",
            "window",
            "request",
            "generatedAt",
            "records",
            "daysWithoutRecords",
            "anchors",
            "events",
            "platformBatches",
            "coverage",
            "hub",
            "signature");
    assertThat(bundle.get("format")).isEqualTo("shiftproof-evidence/4");
    assertThat(bundle.get("incidentAt")).isEqualTo("2026-11-28T00:30:00+08:00");
    assertThat(bundle.get("window"))
        .isEqualTo(Map.of("from", "2026-11-27T22:30:00+08:00", "to", "2026-11-28T02:30:00+08:00"));
    Map<?, ?> record = (Map<?, ?>) ((List<?>) bundle.get("records")).get(0);
    assertThat(keys(record))
        .containsExactly(
            "day",
            "version",
            "batchId",
            "leafIndex",
            "treeSize",
            "leafHash",
            "inclusionPath",
            "recordBase64",
            "record");
    Map<?, ?> anchor = (Map<?, ?>) ((List<?>) bundle.get("anchors")).get(1);
    assertThat(keys(anchor))
        .containsExactly(
            "batchId",
            "chain",
            "sequence",
            "previousBatchId",
            "root",
            "treeSize",
            "fromMicros",
            "toMicros",
            "txId",
            "anchoredAt",
            "ledger",
            "attestation");
    Map<?, ?> attestation = (Map<?, ?>) anchor.get("attestation");
    assertThat(attestation.get("type")).isEqualTo("embedded-ledger-entry");
    assertThat(keys(((Map<?, ?>) attestation.get("entry"))))
        .containsExactly(
            "sequence", "txId", "txTimeMicros", "function", "invoker", "payload", "previousHash");
    assertThat(((Map<?, ?>) ((Map<?, ?>) attestation.get("entry")).get("payload")).get("batchId"))
        .isEqualTo(EvidenceFixture.BATCH_2);
    assertThat(((Map<?, ?>) bundle.get("hub")).get("signatureAlgorithm"))
        .isEqualTo("SHA256withECDSA");
  }

  @Test
  void recordsCarryCanonicalBytesAndTheirReadableForm() {
    Map<?, ?> bundle = (Map<?, ?>) JsonTree.parse(fixture.bundle());
    Map<?, ?> record = (Map<?, ?>) ((List<?>) bundle.get("records")).get(1);

    byte[] bytes = Base64.getDecoder().decode((String) record.get("recordBase64"));
    assertThat(bytes).isEqualTo(DayRecordCodec.encode(fixture.day2));
    assertThat(CanonicalJson.canonical(record.get("record")))
        .isEqualTo(CanonicalJson.canonicalize(DayRecordJson.toJson(fixture.day2)));
    assertThat(record.get("leafIndex").toString()).isEqualTo("3");
    assertThat((List<?>) record.get("inclusionPath")).hasSize(3);
  }

  @Test
  void eachRecordCarriesItsLineagePerPlatformNotABatchList() {
    Map<?, ?> bundle = (Map<?, ?>) JsonTree.parse(fixture.bundle());
    Map<?, ?> first =
        (Map<?, ?>) ((Map<?, ?>) ((List<?>) bundle.get("records")).get(0)).get("record");

    assertThat(first.get("sources"))
        .isEqualTo(
            List.of(
                Map.of(
                    "platform",
                    "platform-1",
                    "eventCount",
                    java.math.BigInteger.valueOf(41),
                    "eventsDigest",
                    hex(EvidenceFixture.sources("platform-1", 41))),
                Map.of(
                    "platform",
                    "platform-2",
                    "eventCount",
                    java.math.BigInteger.valueOf(6),
                    "eventsDigest",
                    hex(EvidenceFixture.sources("platform-2", 6)))));
    assertThat(first.containsKey("sourceBatches")).isFalse();
    assertThat(bundle.containsKey("lineage")).isFalse();
  }

  @Test
  void anEventPastTheWindowByAFractionOfAMicrosecondIsLeftOutNotRefused() {
    Map<?, ?> bundle = (Map<?, ?>) JsonTree.parse(fixture.bundle());

    List<Object> ids = new ArrayList<>();
    for (Object event : (List<?>) bundle.get("events")) {
      ids.add(((Map<?, ?>) ((Map<?, ?>) event).get("event")).get("eventId"));
    }
    assertThat(ids).containsExactly("e-101", "e-102");
    assertThat(EvidenceVerifier.verify(fixture.bundle(), Optional.of(fixture.ca)).passed())
        .isTrue();
  }

  private static String hex(io.shiftproof.schemas.avro.PlatformSources sources) {
    return java.util.HexFormat.of().formatHex(sources.getEventsDigest().bytes());
  }

  @Test
  void coverageNamesBothEngagedPlatformsAsLiable() {
    Map<?, ?> bundle = (Map<?, ?>) JsonTree.parse(fixture.bundle());
    Map<?, ?> coverage = (Map<?, ?>) bundle.get("coverage");

    assertThat(coverage.get("ruleSet")).isEqualTo("cn-pilot-2022");
    assertThat(coverage.get("outcome")).isEqualTo("COVERED");
    assertThat(coverage.get("reason")).isEqualTo("ENGAGED");
    assertThat(coverage.get("liablePlatforms")).isEqualTo(List.of("platform-1", "platform-2"));
    assertThat(coverage.get("flags")).isEqualTo(List.of("MULTIPLE_LIABLE"));
    assertThat(coverage.get("incidentState")).isEqualTo("ON_TASK");
  }

  @Test
  void hubSignatureCoversTheCanonicalBundleWithoutItsSignature() {
    Map<?, ?> bundle = (Map<?, ?>) JsonTree.parse(fixture.bundle());
    Map<Object, Object> unsigned = new java.util.LinkedHashMap<>(bundle);
    byte[] signature = Base64.getDecoder().decode((String) unsigned.remove("signature"));

    assertThat(
            EcdsaP256Verifier.fromCertificate(HubCertificates.parse(fixture.hubChainPem).get(0))
                .verify(
                    SignatureContext.EVIDENCE_BUNDLE, CanonicalJson.canonical(unsigned), signature))
        .isTrue();
  }

  @Test
  void realBundlePassesEveryCheck() {
    VerificationReport report = EvidenceVerifier.verify(fixture.bundle(), Optional.of(fixture.ca));

    assertThat(report.firstFailure()).isEmpty();
    assertThat(report.passed()).isTrue();
    assertThat(report.checks())
        .extracting(VerificationReport.Check::name)
        .containsExactly(
            "format",
            "hub.certificate",
            "records[0].decodes",
            "records[0].leafHash",
            "records[0].worker",
            "records[1].decodes",
            "records[1].leafHash",
            "records[1].worker",
            "anchors[wt-job/ckpt-41].attestation",
            "anchors[wt-job/ckpt-42].attestation",
            "request.accessLog",
            "records[0].inclusion",
            "records[1].inclusion",
            "platformBatches[platform-1/p1-b-0102].signature",
            "events[0].inclusion",
            "events[0].event",
            "events[1].inclusion",
            "events[1].event",
            "window.covered",
            "coverage.outcome",
            "signature");
  }

  @Test
  void withoutCaTheCertificateIsReadButSaysItWasNotChecked() {
    VerificationReport report = EvidenceVerifier.verify(fixture.bundle(), Optional.empty());

    assertThat(report.passed()).isTrue();
    assertThat(report.checks().get(1).detail()).endsWith("not checked against a CA (pass --ca)");
  }

  @Test
  void fabricAnchorWithoutAttestationPassesAndSaysWhereToLookItUp() {
    List<AnchoredBatch> anchors = new ArrayList<>();
    for (AnchoredBatch a : fixture.anchors) {
      LedgerRef onFabric =
          new LedgerRef(
              LedgerRef.FABRIC, "shiftproof", "shiftproof", a.ref().txId(), a.ref().position());
      anchors.add(new AnchoredBatch(a.anchor(), onFabric, Optional.empty()));
    }
    byte[] bundle =
        new EvidenceBundleBuilder(fixture.hubSigner, fixture.hubChainPem)
            .build(
                REQUEST,
                fixture.records,
                List.of(),
                anchors,
                fixture.access,
                fixture.platformEvidence);

    VerificationReport report = EvidenceVerifier.verify(bundle, Optional.of(fixture.ca));

    assertThat(report.passed()).isTrue();
    assertThat(check(report, "anchors[" + BATCH_1 + "].attestation").detail())
        .startsWith("none in the bundle; look up transaction")
        .contains("on the fabric ledger");
  }

  @Test
  void builderRefusesAnEmbeddedAnchorWithoutAttestation() {
    // Nobody outside the hub can look a PostgreSQL ledger entry up, so the bundle must carry it.
    List<AnchoredBatch> anchors = new ArrayList<>(fixture.anchors);
    AnchoredBatch first = anchors.get(0);
    anchors.set(0, new AnchoredBatch(first.anchor(), first.ref(), Optional.empty()));
    assertRefused(
            EvidenceException.Code.INCONSISTENT_INPUT, REQUEST, fixture.records, List.of(), anchors)
        .hasMessageContaining("anchor " + BATCH_1 + " attestation: got none");
  }

  @Test
  void builderRefusesAnAnchorItsLedgerEntryDoesNotRecord() {
    // As if the hub's anchor_batch row were changed after the ledger recorded the batch.
    List<AnchoredBatch> anchors = new ArrayList<>(fixture.anchors);
    AnchoredBatch first = anchors.get(0);
    Anchor a = first.anchor();
    Anchor changed =
        new Anchor(
            a.batchId(),
            a.chain(),
            a.sequence(),
            a.previousBatchId(),
            a.rootHex(),
            a.treeSize(),
            a.fromMicros(),
            a.toMicros() + 1,
            a.txId(),
            a.anchoredAt());
    anchors.set(0, new AnchoredBatch(changed, first.ref(), first.attestation()));
    assertRefused(
            EvidenceException.Code.INCONSISTENT_INPUT, REQUEST, fixture.records, List.of(), anchors)
        .hasMessageContaining(
            "anchor "
                + BATCH_1
                + " attestation: entry.payload.toMicros: got "
                + a.toMicros()
                + ", want "
                + (a.toMicros() + 1));
  }

  @Test
  void builderRefusesToAttestADayOutsideTheWindow() {
    assertRefused(
            EvidenceException.Code.INCONSISTENT_INPUT,
            REQUEST,
            fixture.records,
            List.of(LocalDate.parse("2030-01-01")),
            fixture.anchors)
        .hasMessageStartingWith("daysWithoutRecords: got 2030-01-01 (not a day of the window");
  }

  @Test
  void builderRefusesToAttestADayTwice() {
    assertRefused(
            EvidenceException.Code.INCONSISTENT_INPUT,
            REQUEST,
            fixture.records.subList(1, 2),
            List.of(LocalDate.parse(DAY_1), LocalDate.parse(DAY_1)),
            fixture.anchors)
        .hasMessageStartingWith("daysWithoutRecords: got " + DAY_1 + " (listed twice)");
  }

  @Test
  void builderRefusesWhenADayOfTheWindowHasNoRecord() {
    assertRefused(
            EvidenceException.Code.RECORD_MISSING,
            REQUEST,
            fixture.records.subList(1, 2),
            List.of(),
            fixture.anchors)
        .hasMessageContaining("2026-11-27");
  }

  @Test
  void aWindowDayWithoutRecordsIsAttestedAndTheBundleVerifies() {
    EvidenceBundleBuilder builder =
        new EvidenceBundleBuilder(fixture.hubSigner, fixture.hubChainPem);

    byte[] bundle =
        builder.build(
            REQUEST,
            fixture.records.subList(1, 2),
            List.of(LocalDate.parse(DAY_1)),
            fixture.anchors,
            fixture.access,
            fixture.platformEvidence);

    VerificationReport report = EvidenceVerifier.verify(bundle, Optional.of(fixture.ca));
    assertThat(report.firstFailure()).isEmpty();
    assertThat(new String(bundle, StandardCharsets.UTF_8))
        .contains("\"daysWithoutRecords\" : [ \"" + DAY_1 + "\" ]");
  }

  @Test
  void builderRefusesToAttestTheIncidentDayAsEmpty() {
    assertRefused(
            EvidenceException.Code.INCONSISTENT_INPUT,
            REQUEST,
            fixture.records.subList(0, 1),
            List.of(LocalDate.parse(DAY_2)),
            fixture.anchors)
        .hasMessageContaining("daysWithoutRecords");
  }

  @Test
  void builderRefusesAnIncidentPastTheRecordsCoverage() {
    EvidenceRequest tooLate =
        new EvidenceRequest(
            EvidenceFixture.WORKER,
            EvidenceFixture.local(EvidenceFixture.DAY_2, "23:00").plus(Duration.ofMinutes(59)),
            EvidenceFixture.ZONE);
    // The window reaches into 2026-11-29, for which there is no record.
    assertRefused(
        EvidenceException.Code.RECORD_MISSING,
        tooLate,
        fixture.records,
        List.of(),
        fixture.anchors);
  }

  @Test
  void builderRefusesARecordOfAnotherWorker() {
    List<ProvenRecord> records = new ArrayList<>(fixture.records);
    records.add(fixture.provenInBatch2(2));
    assertRefused(
            EvidenceException.Code.INCONSISTENT_INPUT, REQUEST, records, List.of(), fixture.anchors)
        .hasMessageContaining("workerRef: got wr_0b12ee, want wr_7f3a9c");
  }

  @Test
  void builderRefusesAProofThatDoesNotLeadToItsAnchor() {
    ProvenRecord day2 = fixture.records.get(1);
    ProvenRecord wrongProof =
        new ProvenRecord(
            day2.canonicalRecord(),
            day2.batchId(),
            MerkleTree.fromLeaves(
                    List.of(
                        "x".getBytes(StandardCharsets.UTF_8),
                        "y".getBytes(StandardCharsets.UTF_8),
                        "z".getBytes(StandardCharsets.UTF_8),
                        day2.canonicalRecord(),
                        "w".getBytes(StandardCharsets.UTF_8)))
                .inclusionProof(3));
    assertRefused(
            EvidenceException.Code.INCONSISTENT_INPUT,
            REQUEST,
            List.of(fixture.records.get(0), wrongProof),
            List.of(),
            fixture.anchors)
        .hasMessageContaining("inclusion");
  }

  private static VerificationReport.Check check(VerificationReport report, String name) {
    return report.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check named " + name));
  }

  private static List<String> keys(Map<?, ?> object) {
    return object.keySet().stream().map(String::valueOf).toList();
  }

  /** Asserts that the builder refuses these parts with {@code code}. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      EvidenceException.Code code,
      EvidenceRequest request,
      List<ProvenRecord> records,
      List<LocalDate> daysWithoutRecords,
      List<AnchoredBatch> anchors) {
    EvidenceBundleBuilder builder =
        new EvidenceBundleBuilder(fixture.hubSigner, fixture.hubChainPem);
    return assertThatThrownBy(
            () ->
                builder.build(
                    request,
                    records,
                    daysWithoutRecords,
                    anchors,
                    fixture.access,
                    PlatformEvidence.NONE))
        .isInstanceOfSatisfying(EvidenceException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}

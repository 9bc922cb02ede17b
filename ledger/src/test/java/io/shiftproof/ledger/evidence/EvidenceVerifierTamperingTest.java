package io.shiftproof.ledger.evidence;

import static io.shiftproof.ledger.evidence.EvidenceFixture.BATCH_1;
import static io.shiftproof.ledger.evidence.EvidenceFixture.BATCH_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.Signer;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.TreeHasher;
import io.shiftproof.ledger.pki.IssuedCredential;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.DayRecordJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes one part of a real bundle at a time and checks that verification fails at the check that
 * names that part, not merely at the overall signature.
 */
class EvidenceVerifierTamperingTest {
  @TempDir Path dir;
  private EvidenceFixture fixture;
  private byte[] original;

  @BeforeEach
  void setUp() {
    fixture = EvidenceFixture.create(dir.resolve("ca"));
    original = fixture.bundle();
  }

  @Test
  void untouchedBundlePasses() {
    assertThat(verify(original).passed()).isTrue();
  }

  @Test
  void oneByteOfARecordIsNamedByItsDecodeCheck() {
    String failed =
        firstFailure(
            b -> {
              Map<String, Object> record = record(b, 0);
              byte[] bytes = Base64.getDecoder().decode((String) record.get("recordBase64"));
              bytes[bytes.length / 2] ^= 0x01;
              record.put("recordBase64", Base64.getEncoder().encodeToString(bytes));
            });

    assertThat(failed).isEqualTo("records[0].decodes");
  }

  @Test
  void aProofNodeIsNamedByTheInclusionCheck() {
    String failed =
        firstFailure(
            b -> {
              List<Object> path = list(record(b, 1), "inclusionPath");
              path.set(0, flipHex((String) path.get(0)));
            });

    assertThat(failed).isEqualTo("records[1].inclusion");
  }

  @Test
  void theLeafIndexIsNamedByTheInclusionCheck() {
    String failed = firstFailure(b -> record(b, 1).put("leafIndex", BigInteger.valueOf(2)));

    assertThat(failed).isEqualTo("records[1].inclusion");
  }

  @Test
  void theRootOfAnAnchorIsNamedByItsAttestation() {
    String failed =
        firstFailure(b -> anchor(b, 1).put("root", flipHex((String) anchor(b, 1).get("root"))));

    assertThat(failed).isEqualTo("anchors[" + BATCH_2 + "].attestation");
  }

  @Test
  void theRootChangedInAnchorAndPayloadAlikeIsCaughtByTheEntrySignature() {
    VerificationReport report =
        verify(
            tamper(
                b -> {
                  String root = flipHex((String) anchor(b, 1).get("root"));
                  anchor(b, 1).put("root", root);
                  payload(b, 1).put("root", root);
                }));

    assertThat(report.firstFailure().orElseThrow().name())
        .isEqualTo("anchors[" + BATCH_2 + "].attestation");
    assertThat(report.firstFailure().orElseThrow().detail()).startsWith("signature:");
  }

  @Test
  void anEmbeddedAnchorWithoutAttestationIsNamedByItsAnchor() {
    // Re-signed by the hub: without the signed entry nothing vouches for an embedded anchor.
    VerificationReport report =
        verify(resigned(b -> anchor(b, 0).put("attestation", JsonTree.NULL)));

    assertThat(report.checks())
        .filteredOn(c -> !c.passed())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.name()).isEqualTo("anchors[" + BATCH_1 + "].attestation");
              assertThat(check.detail()).startsWith("attestation: got none");
            });
  }

  @Test
  void theAttestationSignatureIsNamedByItsAnchor() {
    String failed =
        firstFailure(
            b ->
                object(anchor(b, 0), "attestation")
                    .put(
                        "signature",
                        base64(
                            fixture.hubSigner.sign(
                                SignatureContext.LEDGER_ENTRY, new byte[] {1, 2, 3}))));

    assertThat(failed).isEqualTo("anchors[" + BATCH_1 + "].attestation");
  }

  @Test
  void theEntryPayloadIsNamedByItsAnchor() {
    String failed = firstFailure(b -> payload(b, 0).put("treeSize", BigInteger.valueOf(4)));

    assertThat(failed).isEqualTo("anchors[" + BATCH_1 + "].attestation");
  }

  @Test
  void aRecordsReadableLineageIsNamedByItsRecord() {
    String failed =
        firstFailure(
            b -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> sources =
                  (Map<String, Object>) list(object(record(b, 1), "record"), "sources").get(0);
              sources.put("eventCount", BigInteger.valueOf(1));
            });

    assertThat(failed).isEqualTo("records[1].decodes");
  }

  @Test
  void theRuleOutcomeIsNamedByTheCoverageCheck() {
    String failed = firstFailure(b -> object(b, "coverage").put("outcome", "NOT_COVERED"));

    assertThat(failed).isEqualTo("coverage.outcome");
  }

  @Test
  void theLiablePlatformsAreNamedByTheCoverageCheck() {
    String failed =
        firstFailure(b -> object(b, "coverage").put("liablePlatforms", List.of("platform-1")));

    assertThat(failed).isEqualTo("coverage.outcome");
  }

  @Test
  void theHubSignatureIsNamedBySignature() {
    String failed =
        firstFailure(
            b ->
                b.put(
                    "signature",
                    base64(
                        fixture.hubSigner.sign(
                            SignatureContext.EVIDENCE_BUNDLE, new byte[] {'n', 'o'}))));

    assertThat(failed).isEqualTo("signature");
  }

  @Test
  void aChangeAnywhereElseIsCaughtByTheSignature() {
    // A blank line after the PEM still reads as the same certificate; only the signature sees it.
    String failed =
        firstFailure(b -> object(b, "hub").put("certificateChain", fixture.hubChainPem + "\n"));

    assertThat(failed).isEqualTo("signature");
  }

  @Test
  void aCertificateFromAnotherCaIsNamedByTheCertificateCheck() {
    // Someone re-makes the whole bundle, ledger entries included, with a key of their own.
    EvidenceFixture forged = EvidenceFixture.create(dir.resolve("another-ca"));

    VerificationReport report = EvidenceVerifier.verify(forged.bundle(), Optional.of(fixture.ca));

    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("hub.certificate");
  }

  @Test
  void anotherKeysCertificateWithoutCaIsCaughtWhereTheHubKeySigned() {
    EvidenceFixture other = EvidenceFixture.create(dir.resolve("another-ca"));
    byte[] swapped = tamper(b -> object(b, "hub").put("certificateChain", other.hubChainPem));

    VerificationReport report = EvidenceVerifier.verify(swapped, Optional.empty());

    assertThat(report.firstFailure().orElseThrow().name())
        .isEqualTo("anchors[" + BATCH_1 + "].attestation");
    assertThat(report.checks())
        .filteredOn(c -> !c.passed())
        .extracting(c -> c.name())
        .contains("signature");
  }

  @Test
  void aRecordOfAnotherWorkerIsNamedByTheWorkerCheck() {
    ProvenRecord other = fixture.provenInBatch2(2);
    String failed =
        firstFailure(
            b -> {
              Map<String, Object> record = record(b, 1);
              InclusionProof proof = other.proof();
              record.put("leafIndex", BigInteger.valueOf(proof.leafIndex()));
              record.put(
                  "inclusionPath",
                  new ArrayList<>(proof.path().stream().map(Hash::toHex).toList()));
              record.put("leafHash", TreeHasher.leafHash(other.canonicalRecord()).toHex());
              record.put("recordBase64", base64(other.canonicalRecord()));
              record.put(
                  "record",
                  JsonTree.parse(
                      DayRecordJson.toJson(fixture.otherWorkersDay2)
                          .getBytes(StandardCharsets.UTF_8)));
            });

    assertThat(failed).isEqualTo("records[1].worker");
  }

  @Test
  void theIncidentDayClaimedToHaveNoRecordIsNamedByTheWindowCheck() {
    String failed =
        firstFailure(
            b -> {
              list(b, "records").remove(1);
              list(b, "daysWithoutRecords").add(EvidenceFixture.DAY_2);
            });

    assertThat(failed).isEqualTo("window.covered");
  }

  @Test
  void aDayOutsideTheWindowAttestedToHaveNoRecordIsNamedByTheWindowCheck() {
    // Re-signed by the hub, so only the window check can tell the claim is not about this window.
    VerificationReport report =
        verify(resigned(b -> list(b, "daysWithoutRecords").add("2030-01-01")));

    assertThat(report.checks())
        .filteredOn(c -> !c.passed())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.name()).isEqualTo("window.covered");
              assertThat(check.detail())
                  .startsWith("daysWithoutRecords: got 2030-01-01 (not a day of the window");
            });
  }

  @Test
  void aDayAttestedTwiceIsNamedByTheWindowCheck() {
    Consumer<Map<String, Object>> dropDay1 =
        b -> {
          list(b, "records").remove(0);
          list(b, "daysWithoutRecords").add(EvidenceFixture.DAY_1);
        };
    VerificationReport once = verify(resigned(dropDay1));
    VerificationReport twice =
        verify(
            resigned(
                dropDay1.andThen(b -> list(b, "daysWithoutRecords").add(EvidenceFixture.DAY_1))));

    assertThat(check(once, "window.covered").passed()).isTrue();
    VerificationReport.Check window = check(twice, "window.covered");
    assertThat(window.passed()).isFalse();
    assertThat(window.detail())
        .isEqualTo(
            "daysWithoutRecords: got "
                + EvidenceFixture.DAY_1
                + " (listed twice), want only days of the window other than the incident's that"
                + " have no record, each once");
    assertThat(check(twice, "signature").passed()).isTrue();
  }

  @Test
  void aMissingDayOfTheWindowIsNamedByTheWindowCheck() {
    String failed = firstFailure(b -> list(b, "records").remove(0));

    assertThat(failed).isEqualTo("window.covered");
  }

  @Test
  void anotherFormatIsNamedByTheFormatCheck() {
    String failed = firstFailure(b -> b.put("format", "shiftproof-evidence/1"));

    assertThat(failed).isEqualTo("format");
  }

  @Test
  void aMissingMemberIsNamedByTheFormatCheckWithItsPath() {
    VerificationReport report = verify(tamper(b -> record(b, 0).remove("leafHash")));

    assertThat(report.checks()).hasSize(1);
    assertThat(report.firstFailure().orElseThrow().detail())
        .isEqualTo("records[0].leafHash: got nothing, want a value");
  }

  @Test
  void textThatIsNotJsonIsUnreadable() {
    VerificationReport report = verify("{\"format\":".getBytes(StandardCharsets.UTF_8));

    assertThat(report.readable()).isFalse();
    assertThat(report.passed()).isFalse();
  }

  @Test
  void duplicateMembersAreRefusedRatherThanReadOneWay() {
    byte[] doubled =
        new String(original, StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"format\":\"x\",")
            .getBytes(StandardCharsets.UTF_8);

    VerificationReport report = verify(doubled);
    assertThat(report.readable()).isFalse();
    assertThat(report.checks())
        .singleElement()
        .satisfies(check -> assertThat(check.detail()).contains("\"format\" appears twice"));
  }

  @Test
  void signatureByTheRightKeyOverAChangedBundleStillFailsWhereTheChangeIs() {
    // The hub's own key cannot launder a false decision: the coverage check re-evaluates it.
    Signer hub = fixture.hubSigner;
    byte[] tampered = tamper(b -> object(b, "coverage").put("outcome", "REVIEW"));
    Map<String, Object> bundle = parse(tampered);
    bundle.remove("signature");
    bundle.put(
        "signature",
        base64(hub.sign(SignatureContext.EVIDENCE_BUNDLE, CanonicalJson.canonical(bundle))));

    VerificationReport report = verify(JsonTree.toBytes(bundle));

    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("coverage.outcome");
    assertThat(report.checks().get(report.checks().size() - 1).passed()).isTrue();
  }

  private static final String PLATFORM_BATCH = "platformBatches[platform-1/p1-b-0102].signature";

  @Test
  void anEventChangedInItsBytesIsNamedByItsInclusionEvenWhenTheHubSignsAgain() {
    // "TASK_STARTED at 00:10" becomes "at 00:11", bytes and readable form alike.
    byte[] bundle =
        resigned(
            b -> {
              Map<String, Object> event = event(b, 0);
              String json =
                  new String(
                          Base64.getDecoder().decode((String) event.get("eventBase64")),
                          StandardCharsets.UTF_8)
                      .replace("00:10:00", "00:11:00");
              event.put("eventBase64", base64(json.getBytes(StandardCharsets.UTF_8)));
              object(event, "event").put("occurredAt", "2026-11-28T00:11:00+08:00");
            });

    VerificationReport report = verify(bundle);

    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("events[0].inclusion");
    assertThat(check(report, "signature").passed()).isTrue();
  }

  @Test
  void anEventsReadableFormIsNamedByItsEvent() {
    String failed = firstFailure(b -> object(event(b, 1), "event").put("type", "TASK_STARTED"));

    assertThat(failed).isEqualTo("events[1].event");
  }

  @Test
  void anEventsInclusionPathIsNamedByItsInclusion() {
    String failed =
        firstFailure(
            b -> {
              List<Object> path = list(event(b, 1), "inclusionPath");
              path.set(0, flipHex((String) path.get(0)));
            });

    assertThat(failed).isEqualTo("events[1].inclusion");
  }

  @Test
  void aForgedEventUnderARootThePlatformDidNotSignIsNamedByTheBatchSignature() {
    // A dishonest hub builds its own tree around a forged event, names that tree's root as the
    // batch's, and signs the bundle again: only the platform's signature can tell.
    byte[] forged =
        "{\"eventId\":\"e-666\",\"workerRef\":\"wr_7f3a9c\",\"sessionId\":\"s-1\",\"type\":\"OFFLINE\",\"occurredAt\":\"2026-11-28T00:25:00+08:00\"}"
            .getBytes(StandardCharsets.UTF_8);
    Hash root = TreeHasher.leafHash(forged);
    byte[] bundle =
        resigned(
            b -> {
              Map<String, Object> event = event(b, 0);
              event.put("eventBase64", base64(forged));
              event.put("event", JsonTree.parse(forged));
              event.put("leafIndex", BigInteger.ZERO);
              event.put("inclusionPath", new ArrayList<>());
              list(b, "events").remove(1);
              Map<String, Object> batch = platformBatch(b);
              batch.put("eventsRoot", root.toHex());
              batch.put("eventCount", BigInteger.ONE);
            });

    VerificationReport report = verify(bundle);

    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo(PLATFORM_BATCH);
    assertThat(report.firstFailure().orElseThrow().detail())
        .contains("the signature does not verify");
    assertThat(check(report, "events[0].inclusion").passed()).isTrue();
  }

  @Test
  void aBatchSignatureByAnotherPlatformsKeyIsNamedByTheBatch() {
    IssuedCredential other =
        fixture.authority.issueClientCertificate(
            new OrganisationIdentity("platform-2", Role.PLATFORM));
    String failed =
        firstFailure(
            b -> {
              Map<String, Object> batch = platformBatch(b);
              batch.put("certificate", EvidenceFixture.pem(other.certificate()));
              batch.put(
                  "signature",
                  base64(
                      EcdsaP256Signer.of(other.privateKey())
                          .sign(
                              SignatureContext.PLATFORM_BATCH,
                              BatchSignature.message(
                                  Hash.fromHex((String) batch.get("bodySha256")).bytes(),
                                  Hash.fromHex((String) batch.get("eventsRoot")).bytes()))));
            });

    assertThat(failed).isEqualTo(PLATFORM_BATCH);
  }

  @Test
  void aBatchSignatureMadeAsAnotherKindOfMessageIsNamedByTheBatch() {
    String failed =
        firstFailure(
            b -> {
              Map<String, Object> batch = platformBatch(b);
              batch.put(
                  "signature",
                  base64(
                      EcdsaP256Signer.of(fixture.platform1.privateKey())
                          .sign(
                              SignatureContext.LEDGER_ENTRY,
                              BatchSignature.message(
                                  Hash.fromHex((String) batch.get("bodySha256")).bytes(),
                                  Hash.fromHex((String) batch.get("eventsRoot")).bytes()))));
            });

    assertThat(failed).isEqualTo(PLATFORM_BATCH);
  }

  @Test
  void aBatchTakenWithoutSignatureNeverPassesAsSigned() {
    VerificationReport report =
        verify(
            resigned(
                b -> {
                  platformBatch(b).put("signatureState", "MISSING");
                  platformBatch(b).put("signature", JsonTree.NULL);
                }));

    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo(PLATFORM_BATCH);
    assertThat(report.firstFailure().orElseThrow().detail()).contains("warn mode");
  }

  @Test
  void anotherWorkersEventIsNamedByItsEvent() {
    // Index 0 of the batch is another worker's event, with a correct proof.
    VerificationReport report =
        verify(
            resigned(
                b -> {
                  Map<String, Object> event = event(b, 0);
                  byte[] other =
                      EvidenceFixture.BATCH_EVENTS.get(0).getBytes(StandardCharsets.UTF_8);
                  event.put("eventBase64", base64(other));
                  event.put("event", JsonTree.parse(other));
                  event.put("leafIndex", BigInteger.ZERO);
                  List<Object> path = list(event, "inclusionPath");
                  path.set(
                      0,
                      TreeHasher.leafHash(
                              EvidenceFixture.BATCH_EVENTS.get(1).getBytes(StandardCharsets.UTF_8))
                          .toHex());
                }));

    assertThat(check(report, "events[0].inclusion").passed()).isTrue();
    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("events[0].event");
    assertThat(report.firstFailure().orElseThrow().detail()).contains("workerRef");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> event(Map<String, Object> bundle, int index) {
    return (Map<String, Object>) list(bundle, "events").get(index);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> platformBatch(Map<String, Object> bundle) {
    return (Map<String, Object>) list(bundle, "platformBatches").get(0);
  }

  private VerificationReport verify(byte[] bundle) {
    return EvidenceVerifier.verify(bundle, Optional.of(fixture.ca));
  }

  private String firstFailure(Consumer<Map<String, Object>> change) {
    VerificationReport report = verify(tamper(change));
    assertThat(report.passed()).isFalse();
    return report.firstFailure().orElseThrow().name();
  }

  /** The bundle changed and signed again with the hub's own key, as a dishonest hub could. */
  private byte[] resigned(Consumer<Map<String, Object>> change) {
    Map<String, Object> bundle = parse(tamper(change));
    bundle.remove("signature");
    bundle.put(
        "signature",
        base64(
            fixture.hubSigner.sign(
                SignatureContext.EVIDENCE_BUNDLE, CanonicalJson.canonical(bundle))));
    return JsonTree.toBytes(bundle);
  }

  private static VerificationReport.Check check(VerificationReport report, String name) {
    return report.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check named " + name));
  }

  private byte[] tamper(Consumer<Map<String, Object>> change) {
    Map<String, Object> bundle = parse(original);
    change.accept(bundle);
    return JsonTree.toBytes(bundle);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(byte[] json) {
    return (Map<String, Object>) JsonTree.parse(json);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> parent, String name) {
    return (Map<String, Object>) parent.get(name);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> parent, String name) {
    return (List<Object>) parent.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> record(Map<String, Object> bundle, int index) {
    return (Map<String, Object>) list(bundle, "records").get(index);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> anchor(Map<String, Object> bundle, int index) {
    return (Map<String, Object>) list(bundle, "anchors").get(index);
  }

  private static Map<String, Object> payload(Map<String, Object> bundle, int index) {
    return object(object(object(anchor(bundle, index), "attestation"), "entry"), "payload");
  }

  private static String flipHex(String hex) {
    char first = hex.charAt(0);
    return (first == '0' ? '1' : '0') + hex.substring(1);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}

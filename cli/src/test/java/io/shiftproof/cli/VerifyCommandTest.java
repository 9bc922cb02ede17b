package io.shiftproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.Signer;
import io.shiftproof.ledger.evidence.AnchoredBatch;
import io.shiftproof.ledger.evidence.EvidenceAccess;
import io.shiftproof.ledger.evidence.EvidenceBundleBuilder;
import io.shiftproof.ledger.evidence.EvidenceRequest;
import io.shiftproof.ledger.evidence.LoggedAccess;
import io.shiftproof.ledger.evidence.PlatformEvidence;
import io.shiftproof.ledger.evidence.ProvenRecord;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.ledger.pki.DevCertificateAuthority;
import io.shiftproof.ledger.pki.IssuedCredential;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.PlatformSources;
import io.shiftproof.schemas.avro.Sha256;
import io.shiftproof.schemas.avro.WorkState;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DaySegments;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String WORKER = "wr_5e0c1d";

  @TempDir Path dir;
  private Path caPem;
  private Path bundle;
  private IssuedCredential insurer;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeBundle() throws Exception {
    DevCertificateAuthority authority =
        DevCertificateAuthority.loadOrCreate(
            dir.resolve("ca"), Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));
    caPem = dir.resolve("ca").resolve(DevCertificateAuthority.CERTIFICATE_FILE);
    bundle = dir.resolve("bundle.json");
    Files.write(bundle, signedBy(authority.issueHubSigningCertificate()));
    insurer = authority.issueClientCertificate(new OrganisationIdentity("insurer-1", Role.INSURER));
  }

  @Test
  void bundleForgedWithAnInsurersKeyFailsNamingTheCertificateCheck() throws Exception {
    // A certificate from the same CA, but not the hub's signing one: refused, whatever it signs.
    Files.write(bundle, signedBy(insurer));

    int exit = run("verify", bundle.toString(), "--ca", caPem.toString());

    assertThat(exit).isEqualTo(ShiftproofCli.EXIT_REFUSED);
    String[] lines = out.toString().split("\n");
    assertThat(lines[lines.length - 1])
        .startsWith("FAILED at hub.certificate: not the hub's signing certificate");
  }

  @Test
  void genuineBundleIsVerified() {
    int exit = run("verify", bundle.toString(), "--ca", caPem.toString());

    assertThat(exit).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).startsWith("ok   format ");
    assertThat(lines).allMatch(l -> l.startsWith("ok ") || l.startsWith("verified: "));
    assertThat(lines[lines.length - 1]).isEqualTo("verified: all 11 checks passed");
  }

  @Test
  void withoutCaTheOutputSaysTheCertificateWasNotChecked() {
    int exit = run("verify", bundle.toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("not checked against a CA (pass --ca)");
  }

  @Test
  void tamperedDecisionFailsNamingTheCoverageCheck() throws Exception {
    JsonObject json = new JsonObject(Files.readString(bundle));
    json.getJsonObject("coverage").put("outcome", "NOT_COVERED");
    Files.writeString(bundle, json.encodePrettily());

    int exit = run("verify", bundle.toString(), "--ca", caPem.toString());

    assertThat(exit).isEqualTo(ShiftproofCli.EXIT_REFUSED);
    String[] lines = out.toString().split("\n");
    assertThat(out.toString()).contains("FAIL coverage.outcome");
    assertThat(lines[lines.length - 1])
        .startsWith(
            "FAILED at coverage.outcome: coverage.outcome: got \"NOT_COVERED\", want \"COVERED\"");
  }

  @Test
  void tamperedSignatureFailsNamingTheSignature() throws Exception {
    JsonObject json = new JsonObject(Files.readString(bundle));
    json.put("signature", Base64.getEncoder().encodeToString(new byte[] {0x30, 0x00}));
    Files.writeString(bundle, json.encodePrettily());

    int exit = run("verify", bundle.toString(), "--ca", caPem.toString());

    assertThat(exit).isEqualTo(ShiftproofCli.EXIT_REFUSED);
    String[] lines = out.toString().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("FAILED at signature: ");
  }

  @Test
  void textThatIsNotJsonIsAnUnreadableInput() throws Exception {
    Files.writeString(bundle, "{\"format\": \"shiftproof-evidence/1\",");

    int exit = run("verify", bundle.toString());

    assertThat(exit).isEqualTo(ShiftproofCli.EXIT_UNREACHABLE);
    assertThat(err.toString()).startsWith("error: cannot parse " + bundle);
  }

  @Test
  void missingFileIsAnUnreadableInput() {
    int exit = run("verify", dir.resolve("nope.json").toString());

    assertThat(exit).isEqualTo(ShiftproofCli.EXIT_UNREACHABLE);
    assertThat(err.toString()).contains("cannot read");
  }

  @Test
  void aCrlWithoutTheCaIsAUsageError() {
    int exit = run("verify", bundle.toString(), "--crl", dir.resolve("ca.crl").toString());

    assertThat(exit).isEqualTo(ShiftproofCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--crl: needs --ca");
  }

  @Test
  void mspRootsWithoutTheHubsAreAUsageError() {
    int exit =
        run(
            "verify",
            bundle.toString(),
            "--msp-root",
            "insurer-1=" + caPem,
            "--ca",
            caPem.toString());

    assertThat(exit).isEqualTo(ShiftproofCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--msp-root: ").contains("want the hub's MSP hub");
  }

  @Test
  void mspRootsLeaveAnEmbeddedBundleVerified() {
    // The roots only concern Fabric transactions; an embedded bundle has none to check.
    int exit =
        run(
            "verify",
            bundle.toString(),
            "--ca",
            caPem.toString(),
            "--msp-root",
            "hub=" + caPem,
            "--msp-root",
            "insurer-1=" + caPem);

    assertThat(exit).isZero();
  }

  @Test
  void anUnreadableMspRootIsAnUnreadableInput() {
    int exit = run("verify", bundle.toString(), "--msp-root", "hub=" + dir.resolve("missing.pem"));

    assertThat(exit).isEqualTo(ShiftproofCli.EXIT_UNREACHABLE);
    assertThat(err.toString()).contains("--msp-root hub: cannot read");
  }

  @Test
  void missingBundleArgumentIsAUsageError() {
    assertThat(run("verify")).isEqualTo(ShiftproofCli.EXIT_USAGE);
  }

  private int run(String... args) {
    CommandLine cli = ShiftproofCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static byte[] signedBy(IssuedCredential credential) throws Exception {
    return bundle(EcdsaP256Signer.of(credential.privateKey()), pem(credential.certificate()));
  }

  /**
   * One sealed day, the third of three leaves of one batch anchored on the embedded ledger, asked
   * for by insurer-1 for a claim and logged after the anchor.
   */
  private static byte[] bundle(Signer hub, String chainPem) {
    DayRecord day =
        DaySegments.write(
                DayRecord.newBuilder()
                    .setWorkerRef(WORKER)
                    .setDay("2026-11-28")
                    .setZone(ZONE.getId())
                    .setVersion(1)
                    .setProvisional(false)
                    .setCoveredUntilMicros(micros(local("2026-11-29T00:00")))
                    .setTotals(new DayTotals(7200L, 3600L, 3600L, 0L, 7200L, 3600L)),
                List.of(
                    new DaySegments.Segment(
                        micros(local("2026-11-28T11:00")),
                        micros(local("2026-11-28T12:00")),
                        WorkState.AVAILABLE,
                        List.of("platform-1"),
                        List.of()),
                    new DaySegments.Segment(
                        micros(local("2026-11-28T12:00")),
                        micros(local("2026-11-28T13:00")),
                        WorkState.ON_TASK,
                        List.of("platform-1"),
                        List.of("platform-1"))))
            .setFlags(List.of())
            .setSourceBatches(List.of())
            .setSources(List.of(new PlatformSources("platform-1", 12, new Sha256(new byte[32]))))
            .build();
    byte[] leaf = DayRecordCodec.encode(day);
    MerkleTree tree =
        MerkleTree.fromLeaves(
            List.of(
                "another record".getBytes(StandardCharsets.UTF_8),
                "yet another".getBytes(StandardCharsets.UTF_8),
                leaf));
    Anchor anchor =
        new Anchor(
            "wt-job/ckpt-9",
            "wt-job",
            1,
            Optional.empty(),
            tree.rootHash().toHex(),
            tree.size(),
            micros(local("2026-11-28T00:00")),
            micros(local("2026-11-29T00:00")),
            "tx-0001",
            Instant.parse("2026-11-28T18:00:00Z"));
    // The payload the contract itself writes for this anchor, as the verifier expects it.
    String payload = ContractJson.anchorToJson(anchor);
    LedgerEntry entry =
        new LedgerEntry(
            1, "tx-0001", anchor.anchoredAt(), "AnchorBatch", "hub", payload, LedgerEntry.GENESIS);
    AnchoredBatch anchored =
        new AnchoredBatch(
            anchor,
            new LedgerRef(LedgerRef.EMBEDDED, "embedded", "shiftproof", "tx-0001", 1),
            Optional.of(
                new AnchorAttestation(
                    entry, hub.sign(SignatureContext.LEDGER_ENTRY, entry.signedBytes()))));
    EvidenceRequest request = new EvidenceRequest(WORKER, local("2026-11-28T12:30"), ZONE);
    EvidenceAccess access = new EvidenceAccess("insurer-1", Optional.of("CLM-7"));
    Instant loggedAt = Instant.parse("2026-11-28T20:00:00Z");
    LedgerEntry accessEntry =
        new LedgerEntry(
            2,
            "tx-0002",
            loggedAt,
            "LogAccess",
            "hub",
            ContractJson.accessToJson(
                new AccessLogEntry(access.accessRecord(request), "tx-0002", loggedAt)),
            entry.hash());
    LoggedAccess logged =
        new LoggedAccess(
            access,
            new LedgerRef(LedgerRef.EMBEDDED, "embedded", "shiftproof", "tx-0002", 2),
            loggedAt,
            Optional.of(
                new AnchorAttestation(
                    accessEntry,
                    hub.sign(SignatureContext.LEDGER_ENTRY, accessEntry.signedBytes()))));
    return new EvidenceBundleBuilder(hub, chainPem)
        .build(
            request,
            List.of(new ProvenRecord(leaf, anchor.batchId(), tree.inclusionProof(2))),
            List.of(),
            List.of(anchored),
            logged,
            PlatformEvidence.NONE);
  }

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(ZONE).toInstant();
  }

  private static long micros(Instant t) {
    return RecordedEventCodec.epochMicros(t);
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}

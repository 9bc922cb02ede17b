package io.shiftproof.ledger.evidence;

import static io.shiftproof.ledger.evidence.EvidenceFixture.ACCESS;
import static io.shiftproof.ledger.evidence.EvidenceFixture.BATCH_1;
import static io.shiftproof.ledger.evidence.EvidenceFixture.CA_CLOCK;
import static io.shiftproof.ledger.evidence.EvidenceFixture.GENERATED_AT;
import static io.shiftproof.ledger.evidence.EvidenceFixture.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.canonical.CanonicalJson;
import io.shiftproof.ledger.canonical.JsonTree;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.pki.DevCertificateAuthority;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import io.shiftproof.schemas.wire.Rfc3339;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on evidence, each performed and shown refused by a named check: a bundle forged with
 * another CA-issued key, a signature of one kind replayed as another, a bundle backdated past its
 * signing key's expiry, and one signed with a revoked key when the reader has the CA's CRL. Before
 * the hub had a signing identity of its own, context strings and a ledger-bound time, each of these
 * bundles passed every check.
 */
class EvidenceForgeryTest {
  /** A time inside the validity of a signing certificate issued in mid-2023, long expired. */
  private static final Instant BACKDATED = Instant.parse("2024-06-01T00:00:00Z");

  private static final Clock IN_2023 =
      Clock.fixed(Instant.parse("2023-06-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private EvidenceFixture hub;

  @BeforeEach
  void setUp() {
    hub = EvidenceFixture.create(dir);
    assertThat(verify(hub.bundle()).passed()).isTrue();
  }

  @Test
  void aBundleForgedWithAnInsurersKeyFailsTheCertificateCheck() {
    EvidenceFixture insurer =
        EvidenceFixture.signedBy(
            dir,
            CA_CLOCK,
            ca -> ca.issueClientCertificate(new OrganisationIdentity("insurer-1", Role.INSURER)),
            GENERATED_AT);

    VerificationReport report = verify(insurer.bundle());

    VerificationReport.Check failed = report.firstFailure().orElseThrow();
    assertThat(failed.name()).isEqualTo("hub.certificate");
    assertThat(failed.detail())
        .contains("not the hub's signing certificate")
        .contains("got [insurer], want [hub-signer]");
    assertNoSignatureTrusted(report);
  }

  @Test
  void aBundleForgedWithAPlatformsKeyFailsTheCertificateCheck() {
    EvidenceFixture platform =
        EvidenceFixture.signedBy(
            dir,
            CA_CLOCK,
            ca -> ca.issueClientCertificate(new OrganisationIdentity("platform-1", Role.PLATFORM)),
            GENERATED_AT);

    VerificationReport report = verify(platform.bundle());

    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("hub.certificate");
    assertThat(report.firstFailure().orElseThrow().detail()).contains("got [platform]");
    assertNoSignatureTrusted(report);
  }

  @Test
  void aBundleSignedWithTheHubsTlsKeyFailsTheCertificateCheck() {
    EvidenceFixture tls =
        EvidenceFixture.signedBy(
            dir, CA_CLOCK, ca -> ca.issueServerCertificate(List.of()), GENERATED_AT);

    VerificationReport report = verify(tls.bundle());

    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("hub.certificate");
    assertNoSignatureTrusted(report);
  }

  @Test
  void aLedgerEntrySignatureReplayedAsTheBundleSignatureFailsTheSignatureCheck() {
    Map<String, Object> bundle = parse(hub.bundle());
    bundle.remove("signature");
    // The hub's own key, over exactly the bundle's bytes, but as a ledger entry.
    byte[] entrySignature =
        hub.hubSigner.sign(SignatureContext.LEDGER_ENTRY, CanonicalJson.canonical(bundle));
    bundle.put("signature", base64(entrySignature));

    VerificationReport report = verify(JsonTree.toBytes(bundle));

    VerificationReport.Check failed = report.firstFailure().orElseThrow();
    assertThat(failed.name()).isEqualTo("signature");
    assertThat(failed.detail()).contains("as an evidence bundle");
  }

  @Test
  void aBundleSignatureReplayedAsALedgerEntrySignatureFailsTheAttestationCheck() {
    LedgerEntry entry = hub.anchors.get(0).attestation().orElseThrow().entry();
    byte[] bundleSignature =
        hub.hubSigner.sign(SignatureContext.EVIDENCE_BUNDLE, entry.signedBytes());
    Map<String, Object> bundle = parse(hub.bundle());
    object(anchor(bundle, 0), "attestation").put("signature", base64(bundleSignature));

    VerificationReport report = verify(JsonTree.toBytes(bundle));

    VerificationReport.Check failed = report.firstFailure().orElseThrow();
    assertThat(failed.name()).isEqualTo("anchors[" + BATCH_1 + "].attestation");
    assertThat(failed.detail()).contains("as a ledger entry");
  }

  @Test
  void aBackdatedGeneratedAtFailsTheAccessLogCheck() {
    Map<String, Object> bundle = parse(hub.bundle());
    bundle.put("generatedAt", "2026-11-28T10:00:00+08:00");

    VerificationReport report = verify(JsonTree.toBytes(bundle));

    VerificationReport.Check failed = report.firstFailure().orElseThrow();
    assertThat(failed.name()).isEqualTo("request.accessLog");
    assertThat(failed.detail())
        .startsWith("generatedAt: got 2026-11-28T10:00:00+08:00, want 2026-11-28T16:00:00+08:00");
  }

  @Test
  void aBundleSignedWithAnExpiredKeyAtTheLedgersTimeFailsTheCertificateCheck() {
    EvidenceFixture expired = expiredSigner(GENERATED_AT);

    VerificationReport report = verify(expired.bundle());

    VerificationReport.Check failed = report.firstFailure().orElseThrow();
    assertThat(failed.name()).isEqualTo("hub.certificate");
    assertThat(failed.detail()).contains("does not verify to CA");
  }

  @Test
  void aBundleBackdatedIntoAnExpiredKeysValidityFailsWhereTheLedgerTimesDisagree() {
    EvidenceFixture expired = expiredSigner(GENERATED_AT);
    Map<String, Object> bundle = parse(expired.bundle());
    // The holder of the expired key forges the access-log entry at a time the key was valid and
    // states that time as generatedAt; but the anchors the records need were committed, and signed,
    // after the key expired.
    Map<String, Object> attestation =
        object(object(object(bundle, "request"), "accessLog"), "attestation");
    Map<String, Object> entry = object(attestation, "entry");
    BigInteger micros = BigInteger.valueOf(RecordedEventCodec.epochMicros(BACKDATED));
    entry.put("txTimeMicros", micros);
    object(entry, "payload").put("loggedAtMicros", micros);
    attestation.put(
        "signature",
        base64(expired.loggedAccess(ACCESS, BACKDATED).attestation().orElseThrow().signature()));
    bundle.put("generatedAt", Rfc3339.format(BACKDATED, ZONE));
    bundle.remove("signature");
    bundle.put(
        "signature",
        base64(
            expired.hubSigner.sign(
                SignatureContext.EVIDENCE_BUNDLE, CanonicalJson.canonical(bundle))));

    VerificationReport report = verify(JsonTree.toBytes(bundle));

    assertThat(check(report, "hub.certificate").passed()).isTrue();
    VerificationReport.Check failed = report.firstFailure().orElseThrow();
    assertThat(failed.name()).isEqualTo("anchors[" + BATCH_1 + "].attestation");
    assertThat(failed.detail()).contains("the signing certificate's expiry");
    assertThat(check(report, "anchors[" + EvidenceFixture.BATCH_2 + "].attestation").passed())
        .isFalse();
  }

  @Test
  void anAccessLogEntryFromBeforeTheAnchorsFailsTheAccessLogCheck() {
    Map<String, Object> bundle = parse(hub.bundle());
    Map<String, Object> accessLog = object(object(bundle, "request"), "accessLog");
    object(accessLog, "ledger").put("position", BigInteger.ONE);
    object(object(accessLog, "attestation"), "entry").put("sequence", BigInteger.ONE);

    VerificationReport report = verify(JsonTree.toBytes(bundle));

    VerificationReport.Check failed = report.firstFailure().orElseThrow();
    assertThat(failed.name()).isEqualTo("request.accessLog");
    assertThat(failed.detail()).contains("want after every anchor the bundle cites");
  }

  @Test
  void aBundleForAnotherRequesterThanTheLoggedOneFailsTheAccessLogCheck() {
    Map<String, Object> bundle = parse(hub.bundle());
    object(bundle, "request").put("requester", "insurer-2");

    VerificationReport report = verify(JsonTree.toBytes(bundle));

    VerificationReport.Check failed = report.firstFailure().orElseThrow();
    assertThat(failed.name()).isEqualTo("request.accessLog");
    assertThat(failed.detail()).contains("entry.payload.accessor");
  }

  @Test
  void aBundleSignedWithARevokedKeyFailsTheCertificateCheckGivenTheCasCrl() throws Exception {
    X509CRL revoking = crl(dir, hub.signing.certificate());
    X509CRL empty = crl(dir, null);

    VerificationReport revoked =
        EvidenceVerifier.verify(hub.bundle(), Optional.of(hub.ca), Optional.of(revoking));
    VerificationReport current =
        EvidenceVerifier.verify(hub.bundle(), Optional.of(hub.ca), Optional.of(empty));

    VerificationReport.Check failed = revoked.firstFailure().orElseThrow();
    assertThat(failed.name()).isEqualTo("hub.certificate");
    assertThat(failed.detail()).contains("revoked on").contains("KEY_COMPROMISE");
    assertThat(current.passed()).isTrue();
    assertThat(check(current, "hub.certificate").detail()).contains("not revoked");
  }

  @Test
  void aCrlThatTheCaDidNotSignIsRefused() throws Exception {
    EvidenceFixture.create(dir.resolve("another-ca"));
    X509CRL foreign = crl(dir.resolve("another-ca"), null);

    VerificationReport report =
        EvidenceVerifier.verify(hub.bundle(), Optional.of(hub.ca), Optional.of(foreign));

    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("hub.certificate");
    assertThat(report.firstFailure().orElseThrow().detail()).startsWith("crl: issued by");
  }

  /**
   * A CRL signed with the key of the CA in {@code caDirectory}, listing {@code revoked} if given.
   */
  private static X509CRL crl(Path caDirectory, X509Certificate revoked) throws Exception {
    X509Certificate ca =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    Files.newInputStream(
                        caDirectory.resolve(DevCertificateAuthority.CERTIFICATE_FILE)));
    PrivateKey caKey;
    try (PEMParser pem =
        new PEMParser(
            Files.newBufferedReader(caDirectory.resolve(DevCertificateAuthority.KEY_FILE)))) {
      caKey = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem.readObject());
    }
    Date now = Date.from(GENERATED_AT);
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), now);
    if (revoked != null) {
      builder.addCRLEntry(revoked.getSerialNumber(), now, CRLReason.keyCompromise);
    }
    return new JcaX509CRLConverter()
        .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
  }

  /** The fixture signed with a hub signing certificate issued in 2023, expired since 2025. */
  private EvidenceFixture expiredSigner(Instant loggedAt) {
    return EvidenceFixture.signedBy(
        dir, IN_2023, DevCertificateAuthority::issueHubSigningCertificate, loggedAt);
  }

  /** The forged key is never used: every signature check says it cannot be checked. */
  private static void assertNoSignatureTrusted(VerificationReport report) {
    assertThat(check(report, "signature").passed()).isFalse();
    assertThat(check(report, "signature").detail()).contains("cannot be checked");
    assertThat(check(report, "anchors[" + BATCH_1 + "].attestation").passed()).isFalse();
    assertThat(check(report, "request.accessLog").passed()).isFalse();
  }

  private VerificationReport verify(byte[] bundle) {
    return EvidenceVerifier.verify(bundle, Optional.of(hub.ca));
  }

  private static VerificationReport.Check check(VerificationReport report, String name) {
    return report.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check named " + name));
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
  private static Map<String, Object> anchor(Map<String, Object> bundle, int index) {
    return (Map<String, Object>) ((List<Object>) bundle.get("anchors")).get(index);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}

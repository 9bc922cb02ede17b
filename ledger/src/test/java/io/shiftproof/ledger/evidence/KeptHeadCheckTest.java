package io.shiftproof.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.merkle.Hash;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle's ledger entries against a kept head: the fixture's entries 1 and 2 were written at
 * 07:00:01.123456 and 07:00:02.123456 UTC.
 */
class KeptHeadCheckTest {
  @TempDir Path dir;
  private EvidenceFixture fixture;
  private byte[] bundle;
  private LedgerEntry second;

  @BeforeEach
  void setUp() {
    fixture = EvidenceFixture.create(dir.resolve("ca"));
    bundle = fixture.bundle();
    second = fixture.anchors.get(1).attestation().orElseThrow().entry();
  }

  @Test
  void entriesOlderThanALaterKeptHeadAgree() {
    List<VerificationReport.Check> checks =
        KeptHeadCheck.check(bundle, head(5, Hash.fromHex("11".repeat(32)), "07:10:00"));

    assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
    assertThat(checks.get(1).detail()).contains("2 ledger entries agree");
  }

  @Test
  void theKeptHeadsOwnEntryAgrees() {
    SignedLedgerHead kept = head(2, second.hash(), "07:00:02.123456");

    assertThat(KeptHeadCheck.check(bundle, kept))
        .allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
  }

  @Test
  void anEntryAtOrBeforeTheKeptSequenceWrittenLaterMeansACutTail() {
    // Kept when the log ended at entry 1, written at 07:00:00; the bundle's entry 1 is later.
    List<VerificationReport.Check> checks =
        KeptHeadCheck.check(bundle, head(1, Hash.fromHex("22".repeat(32)), "07:00:00"));

    assertThat(checks.get(checks.size() - 1).passed()).isFalse();
    assertThat(checks.get(checks.size() - 1).name()).isEqualTo("ledgerHead.entries");
    assertThat(checks.get(checks.size() - 1).detail()).contains("cut or rewritten");
  }

  @Test
  void anotherEntryAtTheKeptSequenceMeansARewrittenTail() {
    SignedLedgerHead kept = head(2, Hash.fromHex("33".repeat(32)), "07:00:02.123456");

    VerificationReport.Check last = KeptHeadCheck.check(bundle, kept).get(1);

    assertThat(last.passed()).isFalse();
    assertThat(last.detail()).contains("hashes to " + second.hash().toHex());
  }

  @Test
  void aHeadNotSignedByTheBundlesHubProvesNothing() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    SignedLedgerHead forged =
        SignedLedgerHead.sign(
            9,
            second.hash(),
            Instant.parse("2026-11-28T07:30:00Z"),
            EcdsaP256Signer.of(generator.generateKeyPair().getPrivate()));

    List<VerificationReport.Check> checks = KeptHeadCheck.check(bundle, forged);

    assertThat(checks).hasSize(1);
    assertThat(checks.get(0).name()).isEqualTo("ledgerHead.signature");
    assertThat(checks.get(0).passed()).isFalse();
  }

  private SignedLedgerHead head(long sequence, Hash hash, String utcTime) {
    return SignedLedgerHead.sign(
        sequence, hash, Instant.parse("2026-11-28T" + utcTime + "Z"), fixture.hubSigner);
  }
}

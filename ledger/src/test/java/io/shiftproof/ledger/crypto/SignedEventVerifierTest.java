package io.shiftproof.ledger.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.crypto.SignedEventVerifier.Failure;
import io.shiftproof.ledger.crypto.SignedEventVerifier.Finding;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.ledger.pki.DevCertificateAuthority;
import io.shiftproof.ledger.pki.IssuedCredential;
import io.shiftproof.schemas.wire.BatchEncoding;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.EventSpans;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One event shown signed by its platform without the rest of its batch, and every way to tamper
 * with what shows it caught and named.
 */
class SignedEventVerifierTest {
  private static final byte[] BODY =
      ("{\"batchId\":\"b-7\",\"events\":[{\"eventId\":\"e-1\",\"type\":\"TASK_STARTED\"},"
              + " {\"eventId\":\"e-2\"},7,{\"eventId\":\"e-4\"},{\"eventId\":\"e-5\"}]}")
          .getBytes(UTF_8);

  private static IssuedCredential platform;
  private static IssuedCredential otherPlatform;

  @BeforeAll
  static void issue(@TempDir Path ca) {
    DevCertificateAuthority authority = DevCertificateAuthority.loadOrCreate(ca);
    platform =
        authority.issueClientCertificate(new OrganisationIdentity("platform-1", Role.PLATFORM));
    otherPlatform =
        authority.issueClientCertificate(new OrganisationIdentity("platform-2", Role.PLATFORM));
  }

  @Test
  void everyEventOfASignedBatchVerifiesAlone() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(SignedEventVerifier.verify(signed(i))).as("event %d", i).isEmpty();
    }
  }

  @Test
  void aChangedEventByteIsNamed() throws Exception {
    SignedEvent event = signed(0);
    byte[] bytes = event.eventBytes();
    bytes[15] ^= 1;

    assertThat(failures(new SignedEvent(bytes, event.encoding(), event.proof(), event.batch())))
        .containsExactly(Failure.EVENT_NOT_IN_ROOT);
  }

  @Test
  void aChangedProofNodeOrLeafIndexIsNamed() throws Exception {
    SignedEvent event = signed(3);
    List<Hash> path = new ArrayList<>(event.proof().path());
    byte[] node = path.get(0).bytes();
    node[0] ^= 1;
    path.set(0, Hash.of(node));
    InclusionProof changedNode =
        new InclusionProof(event.proof().leafIndex(), event.proof().treeSize(), path);
    InclusionProof otherIndex =
        new InclusionProof(2, event.proof().treeSize(), event.proof().path());

    assertThat(failures(withProof(event, changedNode))).containsExactly(Failure.EVENT_NOT_IN_ROOT);
    assertThat(failures(withProof(event, otherIndex))).containsExactly(Failure.EVENT_NOT_IN_ROOT);
  }

  @Test
  void aChangedRootIsNamedAsNotLeadingThereAndAsNotSigned() throws Exception {
    SignedEvent event = signed(1);
    byte[] root = event.batch().eventsRoot().bytes();
    root[31] ^= 1;
    SignedBatch b = event.batch();
    SignedBatch changed =
        new SignedBatch(
            b.platform(),
            b.batchId(),
            b.receivedAt(),
            b.bodySha256(),
            Hash.of(root),
            b.signature(),
            b.signatureState(),
            b.signatureContext(),
            b.certificateDer());

    List<Finding> findings =
        SignedEventVerifier.verify(
            new SignedEvent(event.eventBytes(), event.encoding(), event.proof(), changed));
    assertThat(findings)
        .extracting(Finding::failure)
        .containsExactly(Failure.EVENT_NOT_IN_ROOT, Failure.SIGNATURE_INVALID);
    assertThat(findings.get(1).detail()).contains("platform-1").contains("batch b-7");
  }

  @Test
  void aChangedSignatureOrAnotherPlatformsCertificateIsNamed() throws Exception {
    SignedEvent event = signed(2);
    byte[] signature = event.batch().signature().orElseThrow();
    signature[signature.length - 1] ^= 1;

    assertThat(failures(withBatch(event, Optional.of(signature), platform)))
        .containsExactly(Failure.SIGNATURE_INVALID);
    assertThat(failures(withBatch(event, event.batch().signature(), otherPlatform)))
        .containsExactly(Failure.SIGNATURE_INVALID);
    assertThat(failures(withBatch(event, Optional.empty(), platform)))
        .containsExactly(Failure.SIGNATURE_MISSING);
  }

  @Test
  void aBatchSignedUnderTheFirstVersionCannotProveAnEvent() throws Exception {
    SignedEvent event = signed(0);
    SignedBatch b = event.batch();
    SignedBatch v1 =
        new SignedBatch(
            b.platform(),
            b.batchId(),
            b.receivedAt(),
            b.bodySha256(),
            b.eventsRoot(),
            b.signature(),
            b.signatureState(),
            BatchSignature.V1_CONTEXT,
            b.certificateDer());

    assertThat(failures(new SignedEvent(event.eventBytes(), event.encoding(), event.proof(), v1)))
        .containsExactly(Failure.UNSUPPORTED_CONTEXT);
  }

  /** Event {@code index} of {@link #BODY}, shown as the hub's reader shows it. */
  private static SignedEvent signed(int index) throws Exception {
    EventSpans spans = EventSpans.of(BODY);
    MerkleTree tree = MerkleTree.fromPackedLeafHashes(spans.leafHashes(BODY));
    byte[] signature = Base64.getDecoder().decode(BatchSignature.sign(platform.privateKey(), BODY));
    return new SignedEvent(
        spans.element(BODY, index),
        BatchEncoding.JSON,
        tree.inclusionProof(index),
        new SignedBatch(
            "platform-1",
            "b-7",
            Instant.parse("2026-11-28T03:00:00Z"),
            Hash.of(BatchSignature.sha256(BODY)),
            tree.rootHash(),
            Optional.of(signature),
            "VALID",
            SignatureContext.PLATFORM_BATCH.context(),
            platform.certificate().getEncoded()));
  }

  private static SignedEvent withProof(SignedEvent event, InclusionProof proof) {
    return new SignedEvent(event.eventBytes(), event.encoding(), proof, event.batch());
  }

  private static SignedEvent withBatch(
      SignedEvent event, Optional<byte[]> signature, IssuedCredential certificate)
      throws Exception {
    SignedBatch b = event.batch();
    return new SignedEvent(
        event.eventBytes(),
        event.encoding(),
        event.proof(),
        new SignedBatch(
            b.platform(),
            b.batchId(),
            b.receivedAt(),
            b.bodySha256(),
            b.eventsRoot(),
            signature,
            b.signatureState(),
            b.signatureContext(),
            certificate.certificate().getEncoded()));
  }

  private static List<Failure> failures(SignedEvent event) {
    return SignedEventVerifier.verify(event).stream().map(Finding::failure).toList();
  }
}

package io.shiftproof.ledger.evidence;

import static io.shiftproof.ledger.evidence.EvidenceFixture.ACCESS;
import static io.shiftproof.ledger.evidence.EvidenceFixture.BATCH_1;
import static io.shiftproof.ledger.evidence.EvidenceFixture.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.shiftproof.ledger.Committed;
import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.endorsement.EndorsementTrust;
import io.shiftproof.ledger.endorsement.LedgerTransaction;
import io.shiftproof.ledger.fabric.FabricLedger;
import io.shiftproof.ledger.fabric.FabricLedgerConfig;
import io.shiftproof.ledger.fabric.FabricTransactionReader;
import io.shiftproof.ledger.fabric.LocalFabricNetwork;
import io.shiftproof.ledger.pki.TlsContexts;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence anchored on the local Fabric network stands without the hub: the bundle carries the
 * endorsed {@code AnchorBatch} and {@code LogAccess} transactions, and the verifier checks them
 * against the organisations' MSP roots. Each attack below is a bundle the hub signs correctly, so
 * only the endorsement checks can catch it, and each names the check that does.
 */
class FabricEvidenceIT {
  private static LocalFabricNetwork network;

  @TempDir static Path caDirectory;

  private static EvidenceFixture fixture;
  private static FabricLedger hub;
  private static EndorsementTrust trust;
  private static List<AnchoredBatch> anchors;
  private static LoggedAccess access;

  @BeforeAll
  static void anchorTheFixtureOnFabric() throws Exception {
    network = LocalFabricNetwork.up();
    fixture = EvidenceFixture.create(caDirectory);
    hub = ledger("it-" + UUID.randomUUID());
    anchors = new ArrayList<>();
    for (AnchoredBatch a : fixture.anchors) {
      Committed<Anchor> committed = hub.anchorBatch(request(a.anchor(), a.anchor().rootHex()));
      anchors.add(
          new AnchoredBatch(
              committed.value(),
              committed.ref(),
              Optional.empty(),
              hub.endorsedTransaction(committed.ref())));
    }
    Committed<AccessLogEntry> logged = hub.logAccess(ACCESS.accessRecord(REQUEST));
    access =
        new LoggedAccess(
            ACCESS,
            logged.ref(),
            logged.value().loggedAt(),
            Optional.empty(),
            hub.endorsedTransaction(logged.ref()));
    trust = trust(network.connection());
  }

  @AfterAll
  static void stopNetwork() throws Exception {
    if (hub != null) {
      hub.close();
    }
    if (network != null) {
      network.down();
    }
  }

  @Test
  void aFabricAnchoredBundleVerifiesAgainstTheMspRoots() {
    VerificationReport report = verify(bundle(anchors, access));

    assertThat(report.firstFailure()).isEmpty();
    String anchor = "anchors[" + BATCH_1 + "].attestation";
    assertThat(check(report, anchor + ".endorsements").detail())
        .contains("hub")
        .contains("issued by their MSP roots");
    assertThat(check(report, anchor + ".policy").detail())
        .isEqualTo("AND('hub.peer', OR('insurer-1.peer', 'insurer-2.peer'))");
    assertThat(check(report, anchor + ".writeSet").detail())
        .contains(anchors.get(0).anchor().rootHex());
    assertThat(check(report, "request.accessLog.writeSet").passed()).isTrue();
    assertThat(check(report, "request.accessLog.policy").passed()).isTrue();
  }

  @Test
  void withoutMspRootsTheReportSaysTheRootsAndPolicyWereNotChecked() {
    VerificationReport report =
        EvidenceVerifier.verify(
            bundle(anchors, access), Optional.of(fixture.ca), Optional.empty(), Optional.empty());

    assertThat(report.firstFailure()).isEmpty();
    assertThat(check(report, "anchors[" + BATCH_1 + "].attestation.endorsements").detail())
        .endsWith("not checked against MSP roots (pass --msp-root)");
  }

  @Test
  void anEndorsementSignedByAKeyOutsideTheMspFails() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair stranger = generator.generateKeyPair();
    List<AnchoredBatch> forged =
        withTransaction(
            0,
            tx ->
                endorsements(
                    tx,
                    list -> {
                      List<Endorsement> out = new ArrayList<>();
                      for (Endorsement e : list) {
                        out.add(isHub(e) ? e : resign(e, stranger.getPrivate(), tx));
                      }
                      return out;
                    }));

    VerificationReport report = verify(bundle(forged, access));

    assertThat(report.firstFailure().orElseThrow().name())
        .isEqualTo("anchors[" + BATCH_1 + "].attestation.endorsements");
    assertThat(report.firstFailure().orElseThrow().detail()).contains("signature: does not verify");
  }

  @Test
  void anEndorserCertificateFromAnotherCaFails() throws Exception {
    // A validly signed endorsement whose certificate names insurer-1 but is the hub's own CA's.
    X509Certificate outsider = fixture.signing.certificate();
    List<AnchoredBatch> forged =
        withTransaction(
            0,
            tx ->
                endorsements(
                    tx,
                    list -> {
                      List<Endorsement> out = new ArrayList<>();
                      for (Endorsement e : list) {
                        out.add(
                            isHub(e)
                                ? e
                                : signedAs(
                                    outsider, fixture.signing.privateKey(), "insurer-1", tx));
                      }
                      return out;
                    }));

    VerificationReport report = verify(bundle(forged, access));

    assertThat(report.firstFailure().orElseThrow().name())
        .isEqualTo("anchors[" + BATCH_1 + "].attestation.endorsements");
    assertThat(report.firstFailure().orElseThrow().detail())
        .contains("is not issued by a root of MSP insurer-1");
  }

  @Test
  void aTransactionOnlyTheHubEndorsedFailsThePolicy() throws Exception {
    List<AnchoredBatch> hubOnly =
        withTransaction(
            0,
            tx -> endorsements(tx, list -> list.stream().filter(FabricEvidenceIT::isHub).toList()));

    VerificationReport report = verify(bundle(hubOnly, access));

    assertThat(check(report, "anchors[" + BATCH_1 + "].attestation.endorsements").passed())
        .isTrue();
    assertThat(report.firstFailure().orElseThrow().name())
        .isEqualTo("anchors[" + BATCH_1 + "].attestation.policy");
    assertThat(report.firstFailure().orElseThrow().detail())
        .startsWith("endorsed by: got hub, want AND('hub.peer'");
  }

  @Test
  void aRootOtherThanTheEndorsedWriteSetFails() throws Exception {
    // The same batch anchored elsewhere with another root: a genuine, endorsed transaction that
    // does not hold the bundle's root.
    Anchor bundled = anchors.get(0).anchor();
    String otherRoot = "ab".repeat(32);
    Committed<Anchor> other;
    try (FabricLedger elsewhere = ledger("it-" + UUID.randomUUID())) {
      other = elsewhere.anchorBatch(request(bundled, otherRoot));
      LedgerTransaction tx = elsewhere.endorsedTransaction(other.ref()).orElseThrow();
      Anchor claimed =
          new Anchor(
              bundled.batchId(),
              bundled.chain(),
              bundled.sequence(),
              bundled.previousBatchId(),
              bundled.rootHex(),
              bundled.treeSize(),
              bundled.fromMicros(),
              bundled.toMicros(),
              other.value().txId(),
              other.value().anchoredAt());
      List<AnchoredBatch> swapped = new ArrayList<>(anchors);
      swapped.set(0, new AnchoredBatch(claimed, other.ref(), Optional.empty(), Optional.of(tx)));

      VerificationReport report = verify(bundle(swapped, access));

      assertThat(check(report, "anchors[" + BATCH_1 + "].attestation.policy").passed()).isTrue();
      assertThat(report.firstFailure().orElseThrow().name())
          .isEqualTo("anchors[" + BATCH_1 + "].attestation.writeSet");
      assertThat(report.firstFailure().orElseThrow().detail()).contains("root").contains(otherRoot);
    }
  }

  @Test
  void anAccessLogEntryOfAnotherRequesterFails() throws Exception {
    LoggedAccess other;
    Committed<AccessLogEntry> logged =
        hub.logAccess(new EvidenceAccess("insurer-2", Optional.empty()).accessRecord(REQUEST));
    other =
        new LoggedAccess(
            ACCESS,
            logged.ref(),
            logged.value().loggedAt(),
            Optional.empty(),
            hub.endorsedTransaction(logged.ref()));

    VerificationReport report = verify(bundle(anchors, other));

    assertThat(report.firstFailure().orElseThrow().name()).isEqualTo("request.accessLog.writeSet");
  }

  private static VerificationReport verify(byte[] bundle) {
    return EvidenceVerifier.verify(
        bundle, Optional.of(fixture.ca), Optional.empty(), Optional.of(trust));
  }

  private static byte[] bundle(List<AnchoredBatch> anchors, LoggedAccess access) {
    return new EvidenceBundleBuilder(fixture.hubSigner, fixture.hubChainPem)
        .build(REQUEST, fixture.records, List.of(), anchors, access, PlatformEvidence.NONE);
  }

  private static VerificationReport.Check check(VerificationReport report, String name) {
    return report.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
  }

  private static FabricLedger ledger(String namespace) throws Exception {
    return FabricLedger.connect(
        FabricLedgerConfig.fromConnection(network.connection(), "hub", "admin", namespace));
  }

  private static AnchorRequest request(Anchor a, String root) {
    return new AnchorRequest(
        a.batchId(),
        a.chain(),
        a.previousBatchId(),
        root,
        a.treeSize(),
        a.fromMicros(),
        a.toMicros());
  }

  private static EndorsementTrust trust(Path connection) throws Exception {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(connection)) {
      p.load(in);
    }
    Map<String, List<X509Certificate>> roots = new LinkedHashMap<>();
    for (String org : List.of("hub", "insurer-1", "insurer-2")) {
      roots.put(
          org, List.of(TlsContexts.loadCertificate(Path.of(p.getProperty(org + ".mspRootCa")))));
    }
    return new EndorsementTrust(roots, "hub");
  }

  /** The anchors with the transaction of anchor {@code index} rewritten. */
  private static List<AnchoredBatch> withTransaction(int index, ThrowingRewrite rewrite)
      throws Exception {
    AnchoredBatch a = anchors.get(index);
    ProcessedTransaction tx = ProcessedTransaction.parseFrom(a.transaction().orElseThrow().bytes());
    byte[] changed = rewrite.apply(tx).toByteArray();
    List<AnchoredBatch> out = new ArrayList<>(anchors);
    out.set(
        index,
        new AnchoredBatch(
            a.anchor(),
            a.ref(),
            Optional.empty(),
            Optional.of(new LedgerTransaction(FabricTransactionReader.TYPE, changed))));
    return out;
  }

  @FunctionalInterface
  private interface ThrowingRewrite {
    ProcessedTransaction apply(ProcessedTransaction tx) throws Exception;
  }

  @FunctionalInterface
  private interface EndorsementRewrite {
    List<Endorsement> apply(List<Endorsement> endorsements) throws Exception;
  }

  /** The transaction with its endorsements replaced, everything else as endorsed. */
  private static ProcessedTransaction endorsements(
      ProcessedTransaction processed, EndorsementRewrite rewrite) throws Exception {
    Envelope envelope = processed.getTransactionEnvelope();
    Payload payload = Payload.parseFrom(envelope.getPayload());
    Transaction transaction = Transaction.parseFrom(payload.getData());
    TransactionAction action = transaction.getActions(0);
    ChaincodeActionPayload ccPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
    ChaincodeEndorsedAction endorsed =
        ccPayload.getAction().toBuilder()
            .clearEndorsements()
            .addAllEndorsements(rewrite.apply(ccPayload.getAction().getEndorsementsList()))
            .build();
    ChaincodeActionPayload newPayload = ccPayload.toBuilder().setAction(endorsed).build();
    Transaction newTx =
        transaction.toBuilder()
            .setActions(0, action.toBuilder().setPayload(newPayload.toByteString()))
            .build();
    Payload newEnvelopePayload = payload.toBuilder().setData(newTx.toByteString()).build();
    return processed.toBuilder()
        .setTransactionEnvelope(envelope.toBuilder().setPayload(newEnvelopePayload.toByteString()))
        .build();
  }

  private static boolean isHub(Endorsement e) {
    try {
      return SerializedIdentity.parseFrom(e.getEndorser()).getMspid().equals("hub");
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The endorsement with the same endorser but a signature by {@code key}. */
  private static Endorsement resign(Endorsement e, PrivateKey key, ProcessedTransaction tx)
      throws Exception {
    return e.toBuilder().setSignature(sign(key, responsePayload(tx), e.getEndorser())).build();
  }

  /** An endorsement by {@code certificate}, named as a member of {@code msp}, signed correctly. */
  private static Endorsement signedAs(
      X509Certificate certificate, PrivateKey key, String msp, ProcessedTransaction tx)
      throws Exception {
    String pem = EvidenceFixture.pem(certificate);
    ByteString endorser =
        SerializedIdentity.newBuilder()
            .setMspid(msp)
            .setIdBytes(ByteString.copyFromUtf8(pem))
            .build()
            .toByteString();
    return Endorsement.newBuilder()
        .setEndorser(endorser)
        .setSignature(sign(key, responsePayload(tx), endorser))
        .build();
  }

  private static ByteString responsePayload(ProcessedTransaction processed) throws Exception {
    Payload payload = Payload.parseFrom(processed.getTransactionEnvelope().getPayload());
    Transaction transaction = Transaction.parseFrom(payload.getData());
    return ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload())
        .getAction()
        .getProposalResponsePayload();
  }

  private static ByteString sign(PrivateKey key, ByteString payload, ByteString endorser)
      throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(payload.concat(endorser).toByteArray());
    return ByteString.copyFrom(s.sign());
  }
}

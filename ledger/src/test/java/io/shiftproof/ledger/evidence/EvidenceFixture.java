package io.shiftproof.ledger.evidence;

import io.shiftproof.ledger.AnchorAttestation;
import io.shiftproof.ledger.LedgerEntry;
import io.shiftproof.ledger.LedgerRef;
import io.shiftproof.ledger.contract.AccessLogEntry;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.ContractJson;
import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.SignedBatch;
import io.shiftproof.ledger.crypto.SignedEvent;
import io.shiftproof.ledger.crypto.Signer;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.ledger.pki.DevCertificateAuthority;
import io.shiftproof.ledger.pki.IssuedCredential;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.avro.DayTotals;
import io.shiftproof.schemas.avro.PlatformSources;
import io.shiftproof.schemas.avro.Sha256;
import io.shiftproof.schemas.avro.WorkState;
import io.shiftproof.schemas.wire.BatchEncoding;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.DayRecordCodec;
import io.shiftproof.schemas.wire.DaySegments;
import io.shiftproof.schemas.wire.RecordedEventCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A worker's two days around midnight (Asia/Shanghai) on two platforms, sealed into two anchored
 * batches whose PostgreSQL-ledger entries the hub signed, the access-log entry of an insurer's
 * request for a claim, logged after both, and a dev CA with the hub's signing certificate.
 *
 * <p>At the incident, 00:30 on 2026-11-28, both platforms have the worker on task.
 */
final class EvidenceFixture {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String WORKER = "wr_7f3a9c";
  static final String OTHER_WORKER = "wr_0b12ee";
  static final String DAY_1 = "2026-11-27";
  static final String DAY_2 = "2026-11-28";
  static final String BATCH_1 = "wt-job/ckpt-41";
  static final String BATCH_2 = "wt-job/ckpt-42";
  static final Instant INCIDENT = local(DAY_2, "00:30");
  static final Instant GENERATED_AT = Instant.parse("2026-11-28T08:00:00Z");
  static final EvidenceRequest REQUEST = new EvidenceRequest(WORKER, INCIDENT, ZONE);
  static final EvidenceAccess ACCESS = new EvidenceAccess("insurer-1", Optional.of("CLM-0042"));
  static final Clock CA_CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
  static final long ACCESS_SEQUENCE = 3;

  final DevCertificateAuthority authority;
  final X509Certificate ca;
  final IssuedCredential signing;
  final Signer hubSigner;
  final String hubChainPem;
  final LoggedAccess access;
  final DayRecord day1;
  final DayRecord day2;
  final DayRecord otherWorkersDay2;
  final List<ProvenRecord> records = new ArrayList<>();
  final List<AnchoredBatch> anchors = new ArrayList<>();
  final IssuedCredential platform1;
  final PlatformEvidence platformEvidence;
  private MerkleTree batch2Tree;
  private List<byte[]> batch2Leaves;

  private EvidenceFixture(
      Path caDirectory,
      Clock issuedAt,
      Function<DevCertificateAuthority, IssuedCredential> issue,
      Instant loggedAt) {
    authority = DevCertificateAuthority.loadOrCreate(caDirectory, issuedAt);
    signing = issue.apply(authority);
    ca = authority.certificate();
    hubSigner = EcdsaP256Signer.of(signing.privateKey());
    hubChainPem = pem(signing.certificate());
    platform1 =
        authority.issueClientCertificate(new OrganisationIdentity("platform-1", Role.PLATFORM));
    platformEvidence = platformEvidence(platform1);

    day1 =
        record(
            WORKER,
            DAY_1,
            List.of(
                segment(DAY_1, "22:00", DAY_1, "23:40", WorkState.AVAILABLE, ab(), none()),
                segment(DAY_1, "23:40", DAY_2, "00:00", WorkState.ON_TASK, ab(), a())),
            List.of(sources("platform-1", 41), sourcesOfB()));
    day2 =
        record(
            WORKER,
            DAY_2,
            List.of(
                segment(DAY_2, "00:00", DAY_2, "00:20", WorkState.ON_TASK, ab(), a()),
                segment(DAY_2, "00:20", DAY_2, "01:00", WorkState.ON_TASK, ab(), ab()),
                segment(DAY_2, "01:00", DAY_2, "03:00", WorkState.AVAILABLE, a(), none())),
            List.of(sources("platform-1", 17), sourcesOfB()));
    otherWorkersDay2 =
        record(
            OTHER_WORKER,
            DAY_2,
            List.of(segment(DAY_2, "00:00", DAY_2, "01:00", WorkState.AVAILABLE, a(), none())),
            List.of(sources("platform-1", 9)));

    // Batch 1: day 1 among two other workers' leaves. Batch 2: day 2 at index 3 of 5.
    anchor(
        BATCH_1,
        1,
        Optional.empty(),
        List.of(filler(0), DayRecordCodec.encode(day1), filler(2)),
        1,
        List.of(1));
    anchor(
        BATCH_2,
        2,
        Optional.of(BATCH_1),
        List.of(
            filler(10),
            filler(11),
            DayRecordCodec.encode(otherWorkersDay2),
            DayRecordCodec.encode(day2),
            filler(14)),
        2,
        List.of(3));
    access = loggedAccess(ACCESS, loggedAt);
  }

  /** The fixture signed with the hub's signing certificate, as the hub signs. */
  static EvidenceFixture create(Path caDirectory) {
    return new EvidenceFixture(
        caDirectory, CA_CLOCK, DevCertificateAuthority::issueHubSigningCertificate, GENERATED_AT);
  }

  /**
   * The same ledger entries and bundle signed with another certificate of the CA in {@code
   * caDirectory}: what someone holding that key could make.
   *
   * @param issuedAt the CA's clock when it issues the certificate
   * @param loggedAt the time the access-log entry states
   */
  static EvidenceFixture signedBy(
      Path caDirectory,
      Clock issuedAt,
      Function<DevCertificateAuthority, IssuedCredential> issue,
      Instant loggedAt) {
    return new EvidenceFixture(caDirectory, issuedAt, issue, loggedAt);
  }

  /** The bundle built from every input of the fixture. */
  byte[] bundle() {
    return new EvidenceBundleBuilder(hubSigner, hubChainPem)
        .build(REQUEST, records, List.of(), anchors, access, platformEvidence);
  }

  /** Events of platform-1's signed batch, as a JSON body lists them: another worker's first. */
  static final List<String> BATCH_EVENTS =
      List.of(
          "{\"eventId\":\"e-90\",\"workerRef\":\""
              + OTHER_WORKER
              + "\",\"sessionId\":\"s-9\",\"type\":\"ONLINE\","
              + "\"occurredAt\":\"2026-11-28T00:05:00+08:00\"}",
          "{\"eventId\":\"e-101\",\"workerRef\":\""
              + WORKER
              + "\",\"sessionId\":\"s-1\",\"type\":\"TASK_STARTED\",\"taskRef\":\"order-7\","
              + "\"occurredAt\":\"2026-11-28T00:10:00+08:00\"}",
          "{ \"eventId\" : \"e-102\", \"workerRef\" : \""
              + WORKER
              + "\", \"sessionId\" : \"s-1\", \"type\" : \"HEARTBEAT\","
              + " \"occurredAt\" : \"2026-11-28T00:20:00+08:00\" }",
          // 300 ns past the window's end: the store's microsecond range finds it, the window not.
          "{\"eventId\":\"e-103\",\"workerRef\":\""
              + WORKER
              + "\",\"sessionId\":\"s-1\",\"type\":\"HEARTBEAT\","
              + "\"occurredAt\":\"2026-11-28T02:30:00.0000003+08:00\"}");

  /**
   * Platform-1's batch {@code p1-b-0102} signed with its certificate key, and the worker's three
   * events of it (indexes 1 to 3, the last just past the window) with their inclusion proofs.
   */
  private static PlatformEvidence platformEvidence(IssuedCredential platform) {
    String body =
        "{\"batchId\":\"p1-b-0102\",\"events\":[" + String.join(",\n ", BATCH_EVENTS) + "]}";
    List<byte[]> leaves =
        BATCH_EVENTS.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
    MerkleTree tree = MerkleTree.fromLeaves(leaves);
    Hash bodySha256 = sha256(body.getBytes(StandardCharsets.UTF_8));
    byte[] signature =
        EcdsaP256Signer.of(platform.privateKey())
            .sign(
                SignatureContext.PLATFORM_BATCH,
                BatchSignature.message(bodySha256.bytes(), tree.rootHash().bytes()));
    SignedBatch batch =
        new SignedBatch(
            "platform-1",
            "p1-b-0102",
            Instant.parse("2026-11-27T16:25:00.250Z"),
            bodySha256,
            tree.rootHash(),
            Optional.of(signature),
            "VALID",
            SignatureContext.PLATFORM_BATCH.context(),
            encoded(platform.certificate()));
    List<SignedEvent> events = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      events.add(new SignedEvent(leaves.get(i), BatchEncoding.JSON, tree.inclusionProof(i), batch));
    }
    return new PlatformEvidence(events);
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Hash sha256(byte[] bytes) {
    try {
      return Hash.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hub-signed {@code LogAccess} entry of a request, committed at {@code loggedAt}. */
  LoggedAccess loggedAccess(EvidenceAccess who, Instant loggedAt) {
    String txId = "tx-000" + ACCESS_SEQUENCE;
    String payload =
        ContractJson.accessToJson(new AccessLogEntry(who.accessRecord(REQUEST), txId, loggedAt));
    LedgerEntry entry =
        new LedgerEntry(
            ACCESS_SEQUENCE, txId, loggedAt, "LogAccess", "hub", payload, LedgerEntry.GENESIS);
    return new LoggedAccess(
        who,
        new LedgerRef(LedgerRef.EMBEDDED, "embedded", "shiftproof", txId, ACCESS_SEQUENCE),
        loggedAt,
        Optional.of(
            new AnchorAttestation(
                entry, hubSigner.sign(SignatureContext.LEDGER_ENTRY, entry.signedBytes()))));
  }

  /** The proof of leaf {@code index} of batch 2, which holds day 2 and another worker's day 2. */
  ProvenRecord provenInBatch2(int index) {
    return new ProvenRecord(batch2Leaves.get(index), BATCH_2, batch2Tree.inclusionProof(index));
  }

  private void anchor(
      String batchId,
      long sequence,
      Optional<String> previous,
      List<byte[]> leaves,
      long ledgerSequence,
      List<Integer> ours) {
    MerkleTree tree = MerkleTree.fromLeaves(leaves);
    if (batchId.equals(BATCH_2)) {
      batch2Tree = tree;
      batch2Leaves = leaves;
    }
    String txId = "tx-000" + ledgerSequence;
    Anchor anchor =
        new Anchor(
            batchId,
            "wt-job",
            sequence,
            previous,
            tree.rootHash().toHex(),
            tree.size(),
            micros(local(DAY_1, "00:00")),
            micros(local(DAY_2, "06:00")),
            txId,
            Instant.parse("2026-11-28T07:00:0" + sequence + ".123456Z"));
    LedgerEntry entry =
        new LedgerEntry(
            ledgerSequence,
            txId,
            anchor.anchoredAt(),
            "AnchorBatch",
            "hub",
            payloadJson(anchor),
            LedgerEntry.GENESIS);
    AnchorAttestation signed =
        new AnchorAttestation(
            entry, hubSigner.sign(SignatureContext.LEDGER_ENTRY, entry.signedBytes()));
    anchors.add(
        new AnchoredBatch(
            anchor,
            new LedgerRef(LedgerRef.EMBEDDED, "embedded", "shiftproof", txId, ledgerSequence),
            Optional.of(signed)));
    for (int index : ours) {
      records.add(new ProvenRecord(leaves.get(index), batchId, tree.inclusionProof(index)));
    }
  }

  /** The anchor as the PostgreSQL ledger's {@code AnchorBatch} payload. */
  static String payloadJson(Anchor anchor) {
    return ContractJson.anchorToJson(anchor);
  }

  static DayRecord record(
      String worker,
      String day,
      List<DaySegments.Segment> segments,
      List<PlatformSources> lineage) {
    return record(
        worker, day, 1, micros(local(day, "00:00").plusSeconds(86_400)), segments, lineage);
  }

  static DayRecord record(
      String worker,
      String day,
      int version,
      long coveredUntilMicros,
      List<DaySegments.Segment> segments,
      List<PlatformSources> lineage) {
    return DaySegments.write(
            DayRecord.newBuilder()
                .setWorkerRef(worker)
                .setDay(day)
                .setZone(ZONE.getId())
                .setVersion(version)
                .setProvisional(false)
                .setCoveredUntilMicros(coveredUntilMicros)
                .setTotals(new DayTotals(0L, 0L, 0L, 0L, 0L, 0L)),
            segments)
        .setFlags(List.of())
        .setSourceBatches(List.of())
        .setSources(lineage)
        .build();
  }

  static DaySegments.Segment segment(
      String fromDay,
      String from,
      String toDay,
      String to,
      WorkState state,
      List<String> online,
      List<String> engaged) {
    return new DaySegments.Segment(
        micros(local(fromDay, from)), micros(local(toDay, to)), state, online, engaged);
  }

  static Instant local(String day, String time) {
    return LocalDateTime.parse(day + "T" + time).atZone(ZONE).toInstant();
  }

  static long micros(Instant t) {
    return RecordedEventCodec.epochMicros(t);
  }

  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] filler(int n) {
    return ("another worker's record " + n).getBytes(StandardCharsets.UTF_8);
  }

  /** A platform's lineage: a count, and a digest standing for the ids of that many events. */
  static PlatformSources sources(String platform, int eventCount) {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) eventCount);
    digest[0] = (byte) platform.hashCode();
    return new PlatformSources(platform, eventCount, new Sha256(digest));
  }

  private static PlatformSources sourcesOfB() {
    return sources("platform-2", 6);
  }

  private static List<String> a() {
    return List.of("platform-1");
  }

  private static List<String> ab() {
    return List.of("platform-1", "platform-2");
  }

  private static List<String> none() {
    return List.of();
  }
}

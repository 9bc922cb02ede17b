package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.crypto.SignedBatch;
import io.shiftproof.ledger.crypto.SignedEvent;
import io.shiftproof.ledger.crypto.SignedEventVerifier;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.ledger.pki.DevCertificateAuthority;
import io.shiftproof.ledger.pki.IssuedCredential;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.records.PostgresSignedEvents;
import io.shiftproof.schemas.wire.BatchAvroWriter;
import io.shiftproof.schemas.wire.BatchEncoding;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.EventBatch;
import io.shiftproof.schemas.wire.EventSpans;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ingest API against a real embedded Kafka broker and PostgreSQL server. */
class IngestGatewayIT extends WithRunningHub {

  @Test
  void clientWithoutCertificateIsRefusedByEveryOrganisationRoute() throws Exception {
    SSLContext trustOnly =
        TestTls.context(
            null, TlsContexts.loadCertificate(hub.hub().credentialsDir().resolve("ca.pem")));
    HttpClient anonymous = HttpClient.newBuilder().sslContext(trustOnly).build();
    HttpRequest request =
        HttpRequest.newBuilder(hub.hub().apiUrl().resolve("/v1/events"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Batches.validBatch("b-anon", "anon", 1)))
            .build();
    // Workers connect without a certificate (with a token); organisations' routes still refuse.
    HttpResponse<String> response = anonymous.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("CERTIFICATE_REQUIRED");
  }

  @Test
  void certificateFromAnotherCaIsRefused(@TempDir Path otherCaDir) throws Exception {
    var otherCa = DevCertificateAuthority.loadOrCreate(otherCaDir);
    IssuedCredential rogue =
        otherCa.issueClientCertificate(new OrganisationIdentity("platform-1", Role.PLATFORM));
    SSLContext context =
        TestTls.context(
            rogue, TlsContexts.loadCertificate(hub.hub().credentialsDir().resolve("ca.pem")));
    HttpClient client = HttpClient.newBuilder().sslContext(context).build();
    HttpRequest request =
        HttpRequest.newBuilder(hub.hub().apiUrl().resolve("/v1/events"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Batches.validBatch("b-rogue", "rogue", 1)))
            .build();
    // Either the handshake fails, or the unverified certificate counts as none: never as the
    // organisation it names.
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
      assertThat(response.body()).contains("CERTIFICATE_REQUIRED");
    } catch (IOException refusedAtTheHandshake) {
      // as good
    }
  }

  @Test
  void insurerMayNotPostEvents() throws Exception {
    HttpResponse<String> response =
        hub.postJson("insurer-1", Batches.validBatch("b-ins", "ins", 1));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(errorCode(response)).isEqualTo("FORBIDDEN_ROLE");
    assertThat(errorMessage(response)).contains("insurer").contains("platform");
  }

  @Test
  void jsonBatchIsAcknowledgedAndRecordedWithTheCertificatesPlatform() throws Exception {
    HttpResponse<String> response =
        hub.postJson("platform-2", Batches.validBatch("b-json-1", "json1", 3));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getInteger("accepted")).isEqualTo(3);
    assertThat(body.getInteger("duplicates")).isZero();
    assertThat(body.getJsonArray("rejected")).isEmpty();

    List<RecordedEvent> recorded = eventsWithPrefix("json1-");
    assertThat(recorded).hasSize(3);
    assertThat(recorded).allSatisfy(e -> assertThat(e.platform()).isEqualTo("platform-2"));
    assertThat(recorded).allSatisfy(e -> assertThat(e.batchId()).isEqualTo("b-json-1"));
  }

  @Test
  void aBatchIsKeptWithTheSignatureAndCertificateThatProveItsPlatformSentIt() throws Exception {
    byte[] body = Batches.validBatch("b-signed-1", "signed1", 3).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = hub.postEvents("platform-2", "application/json", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

    try (Connection c = hub.connectDatabase();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT b.body_sha256, b.signature, b.signature_state, b.events_root,"
                    + " b.event_count, b.signature_context, b.content_type, b.leaf_hashes,"
                    + " p.certificate FROM platform_batch b"
                    + " JOIN platform_certificate p USING (certificate_sha256)"
                    + " WHERE b.platform = 'platform-2' AND b.batch_id = 'b-signed-1'")) {
      ResultSet row = s.executeQuery();
      assertThat(row.next()).as("the batch's provenance row").isTrue();
      assertThat(row.getBytes("body_sha256"))
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
      assertThat(row.getString("signature_state")).isEqualTo("VALID");
      assertThat(row.getString("signature_context")).isEqualTo("shiftproof/platform-batch/v2");
      assertThat(row.getString("content_type")).isEqualTo("application/json");
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(row.getBytes("certificate")));
      assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=platform-2");
      byte[] eventsRoot = row.getBytes("events_root");
      assertThat(
              EcdsaP256Verifier.fromCertificate(certificate)
                  .verify(
                      SignatureContext.PLATFORM_BATCH,
                      BatchSignature.message(row.getBytes("body_sha256"), eventsRoot),
                      row.getBytes("signature")))
          .as("the kept signature verifies over the body hash and events root, kept certificate")
          .isTrue();
      EventSpans spans = EventSpans.of(body);
      assertThat(eventsRoot)
          .as("the root over each element's exact bytes")
          .isEqualTo(BatchSignature.eventsRoot(body, spans));
      assertThat(row.getBytes("leaf_hashes")).isEqualTo(spans.leafHashes(body));
      assertThat(row.getInt("event_count")).isEqualTo(3);
      assertThat(row.next()).isFalse();
    }
  }

  /**
   * Each event a batch claimed is kept byte for byte at its leaf, and proves alone that its
   * platform signed it; a rejected element, an in-batch duplicate and an event another batch
   * claimed first are leaves of the signed root but are not kept.
   */
  @Test
  void acceptedEventsAreKeptAtTheirLeafAndProveTheirPlatformSignedThem() throws Exception {
    int worker = 9101;
    Instant start = Instant.now().minusSeconds(3600);
    hub.postJson(
        "platform-3", Batches.batch("b-ev-0", List.of(Batches.online("ev-claimed", 9102))));
    String body =
        "{ \"batchId\" : \"b-ev-1\",\n  \"events\" : [\n    "
            + Batches.online("ev-1", worker).replace(",", " ,\t")
            + " ,  42 , "
            + Batches.online("ev-2", worker).replace("{", "{\"extra\":1, ")
            + ",\r\n"
            + Batches.online("ev-3", worker).replace("s-" + worker, "s-\\\"quoted\\\"")
            + ","
            + Batches.online("ev-claimed", 9102)
            + ","
            + Batches.online("ev-1", worker)
            + "\n  ]\n}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = hub.postEvents("platform-3", "application/json", bytes);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getInteger("accepted")).isEqualTo(2);

    EventSpans spans = EventSpans.of(bytes);
    assertThat(spans.count()).isEqualTo(6);
    try (Connection c = hub.connectDatabase();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT e.leaf_index, e.event_id, e.worker_ref, e.event_bytes, b.events_root,"
                    + " b.leaf_hashes FROM platform_event e JOIN platform_batch b"
                    + " USING (platform, body_sha256) WHERE e.platform = 'platform-3'"
                    + " AND b.batch_id = 'b-ev-1' ORDER BY e.leaf_index")) {
      ResultSet row = s.executeQuery();
      for (int leaf : new int[] {0, 3}) {
        assertThat(row.next()).as("leaf %d kept", leaf).isTrue();
        assertThat(row.getInt("leaf_index")).isEqualTo(leaf);
        assertThat(row.getString("worker_ref")).isEqualTo(Batches.workerRef(worker));
        assertThat(row.getBytes("event_bytes")).isEqualTo(spans.element(bytes, leaf));
        assertThat(row.getBytes("events_root"))
            .isEqualTo(
                MerkleTree.fromPackedLeafHashes(row.getBytes("leaf_hashes")).rootHash().bytes());
      }
      assertThat(row.next())
          .as("rejected, duplicate and already claimed events are not kept")
          .isFalse();
    }

    List<SignedEvent> signed =
        new PostgresSignedEvents(hub.runtimeDataSource())
            .ofWorker(Batches.workerRef(worker), start, Instant.now());
    assertThat(signed).hasSize(2);
    assertThat(signed)
        .allSatisfy(
            e -> {
              assertThat(SignedEventVerifier.verify(e)).isEmpty();
              assertThat(e.encoding()).isEqualTo(BatchEncoding.JSON);
              assertThat(e.proof().treeSize()).isEqualTo(6);
              assertThat(e.batch().platform()).isEqualTo("platform-3");
              assertThat(e.batch().batchId()).isEqualTo("b-ev-1");
            });
    assertThat(signed).extracting(e -> e.proof().leafIndex()).containsExactlyInAnyOrder(0L, 3L);

    // Tampering with what the reader gives is caught, and named.
    SignedEvent event = signed.get(0);
    byte[] changedEvent = event.eventBytes();
    changedEvent[changedEvent.length - 2] ^= 1;
    assertThat(
            failures(new SignedEvent(changedEvent, event.encoding(), event.proof(), event.batch())))
        .containsExactly(SignedEventVerifier.Failure.EVENT_NOT_IN_ROOT);
    List<Hash> path = new java.util.ArrayList<>(event.proof().path());
    byte[] node = path.get(path.size() - 1).bytes();
    node[3] ^= 1;
    path.set(path.size() - 1, Hash.of(node));
    InclusionProof changedPath =
        new InclusionProof(event.proof().leafIndex(), event.proof().treeSize(), path);
    assertThat(
            failures(
                new SignedEvent(event.eventBytes(), event.encoding(), changedPath, event.batch())))
        .containsExactly(SignedEventVerifier.Failure.EVENT_NOT_IN_ROOT);
    byte[] root = event.batch().eventsRoot().bytes();
    root[0] ^= 1;
    assertThat(failures(withBatch(event, Hash.of(root), event.batch().signature().orElseThrow())))
        .containsExactly(
            SignedEventVerifier.Failure.EVENT_NOT_IN_ROOT,
            SignedEventVerifier.Failure.SIGNATURE_INVALID);
    byte[] signature = event.batch().signature().orElseThrow();
    signature[8] ^= 1;
    assertThat(failures(withBatch(event, event.batch().eventsRoot(), signature)))
        .containsExactly(SignedEventVerifier.Failure.SIGNATURE_INVALID);
  }

  @Test
  void anAvroBatchsEventsAreKeptAsTheirRecordsBinaryEncoding() throws Exception {
    int worker = 9103;
    Instant start = Instant.now().minusSeconds(3600);
    String when = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(4).toString();
    List<WorkEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(
          new WorkEvent(
              "ev-avro-" + i,
              Batches.workerRef(i == 1 ? 9104 : worker),
              "s-1",
              WorkEventType.TASK_STARTED,
              Optional.of("order-" + i),
              OffsetDateTime.parse(when).toInstant(),
              when,
              Optional.empty()));
    }
    byte[] body = BatchAvroWriter.toAvro(new EventBatch("b-ev-avro", events));
    HttpResponse<String> response = hub.postEvents("platform-1", "application/avro", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

    List<SignedEvent> signed =
        new PostgresSignedEvents(hub.runtimeDataSource())
            .ofWorker(Batches.workerRef(worker), start, Instant.now());
    EventSpans spans = EventSpans.of(body);
    assertThat(signed).extracting(e -> e.proof().leafIndex()).containsExactly(0L, 2L);
    assertThat(signed)
        .allSatisfy(
            e -> {
              assertThat(SignedEventVerifier.verify(e)).isEmpty();
              assertThat(e.encoding()).isEqualTo(BatchEncoding.AVRO);
              assertThat(e.eventBytes())
                  .isEqualTo(spans.element(body, (int) e.proof().leafIndex()));
            });
  }

  /**
   * A platform cannot get an event kept under another platform's batch: the platform a batch and
   * its events are kept under is the one whose certificate the request came with, and whose key
   * must have signed it.
   */
  @Test
  void aPlatformCannotGetAnEventKeptUnderAnotherPlatformsBatch() throws Exception {
    int worker = 9105;
    Instant start = Instant.now().minusSeconds(3600);
    byte[] body =
        Batches.batch("b-ev-theirs", List.of(Batches.online("ev-theirs", worker)))
            .getBytes(StandardCharsets.UTF_8);
    assertThat(hub.postEvents("platform-2", "application/json", body).statusCode()).isEqualTo(200);

    // platform-1 replays platform-2's signed batch: refused, nothing kept.
    HttpRequest replay =
        HttpRequest.newBuilder(hub.hub().apiUrl().resolve("/v1/events"))
            .header("content-type", "application/json")
            .header(BatchSignature.HEADER, BatchSignature.sign(hub.privateKey("platform-2"), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> replayed =
        hub.client("platform-1").send(replay, HttpResponse.BodyHandlers.ofString());
    assertThat(errorCode(replayed)).isEqualTo("BATCH_SIGNATURE_INVALID");
    // Signed with its own key, the same bytes are platform-1's own batch, never platform-2's.
    assertThat(hub.postEvents("platform-1", "application/json", body).statusCode()).isEqualTo(200);

    List<SignedEvent> signed =
        new PostgresSignedEvents(hub.runtimeDataSource())
            .ofWorker(Batches.workerRef(worker), start, Instant.now());
    assertThat(signed)
        .extracting(e -> e.batch().platform())
        .containsExactlyInAnyOrder("platform-1", "platform-2");
    for (SignedEvent e : signed) {
      assertThat(SignedEventVerifier.verify(e)).isEmpty();
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(e.batch().certificateDer()));
      assertThat(certificate.getSubjectX500Principal().getName())
          .contains("CN=" + e.batch().platform());
    }

    try (Connection c = hub.connectDatabase();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT e.platform, b.batch_id FROM platform_event e JOIN platform_batch b"
                    + " USING (platform, body_sha256) WHERE e.event_id = 'ev-theirs'"
                    + " ORDER BY e.platform")) {
      ResultSet row = s.executeQuery();
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("platform-1");
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("platform-2");
      assertThat(row.next()).as("one row each, under each platform's own batch").isFalse();
    }
  }

  private static List<SignedEventVerifier.Failure> failures(SignedEvent event) {
    return SignedEventVerifier.verify(event).stream()
        .map(SignedEventVerifier.Finding::failure)
        .toList();
  }

  private static SignedEvent withBatch(SignedEvent event, Hash eventsRoot, byte[] signature) {
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
            eventsRoot,
            Optional.of(signature),
            b.signatureState(),
            b.signatureContext(),
            b.certificateDer()));
  }

  /**
   * A platform that did not sign, or that presents another platform's signature, gets nothing kept:
   * no event reaches the topic and no provenance row is written.
   */
  @Test
  void anUnsignedOrForeignSignedBatchIsRefusedAndNothingOfItIsKept() throws Exception {
    byte[] body = Batches.validBatch("b-forged-1", "forged1", 2).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> unsigned = hub.post("platform-1", "/v1/events", "application/json", body);
    assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(400);
    assertThat(errorCode(unsigned)).isEqualTo("BATCH_SIGNATURE_MISSING");

    HttpRequest foreign =
        HttpRequest.newBuilder(hub.hub().apiUrl().resolve("/v1/events"))
            .header("content-type", "application/json")
            .header(BatchSignature.HEADER, BatchSignature.sign(hub.privateKey("platform-2"), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> forged =
        hub.client("platform-1").send(foreign, HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
    assertThat(errorCode(forged)).isEqualTo("BATCH_SIGNATURE_INVALID");
    assertThat(errorMessage(forged)).contains("your client certificate's key");

    // A later valid batch is taken: the refused ones claimed no event keys.
    assertThat(hub.postEvents("platform-1", "application/json", body).statusCode()).isEqualTo(200);
    assertThat(eventsWithPrefix("forged1-")).hasSize(2);
    try (Connection c = hub.connectDatabase();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*), min(signature_state) FROM platform_batch"
                    + " WHERE batch_id = 'b-forged-1'")) {
      ResultSet row = s.executeQuery();
      row.next();
      assertThat(row.getInt(1)).as("only the signed batch's row").isEqualTo(1);
      assertThat(row.getString(2)).isEqualTo("VALID");
    }
  }

  @Test
  void avroBatchIsAcknowledgedLikeJson() throws Exception {
    String when = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(3).toString();
    WorkEvent event =
        new WorkEvent(
            "avro1-0",
            Batches.workerRef(7),
            "s-7",
            WorkEventType.TASK_ASSIGNED,
            Optional.of("order-1"),
            OffsetDateTime.parse(when).toInstant(),
            when,
            Optional.of("wt3mf"));
    byte[] body = BatchAvroWriter.toAvro(new EventBatch("b-avro-1", List.of(event)));
    HttpResponse<String> response = hub.postEvents("platform-1", "application/avro", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getInteger("accepted")).isEqualTo(1);
    assertThat(eventsWithPrefix("avro1-"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event().taskRef()).contains("order-1");
              assertThat(e.event().cell()).contains("wt3mf");
              assertThat(e.platform()).isEqualTo("platform-1");
            });
  }

  @Test
  void resentEventsAreDuplicatesAndNotPublishedTwice() throws Exception {
    String batch = Batches.validBatch("b-dup", "dup", 4);
    assertThat(new JsonObject(hub.postJson("platform-1", batch).body()).getInteger("accepted"))
        .isEqualTo(4);
    JsonObject again = new JsonObject(hub.postJson("platform-1", batch).body());
    assertThat(again.getInteger("accepted")).isZero();
    assertThat(again.getInteger("duplicates")).isEqualTo(4);
    assertThat(eventsWithPrefix("dup-")).hasSize(4);
  }

  @Test
  void sameEventIdFromAnotherPlatformIsNotADuplicate() throws Exception {
    String batch = Batches.validBatch("b-shared", "shared", 2);
    assertThat(new JsonObject(hub.postJson("platform-1", batch).body()).getInteger("accepted"))
        .isEqualTo(2);
    assertThat(new JsonObject(hub.postJson("platform-3", batch).body()).getInteger("accepted"))
        .isEqualTo(2);
  }

  static Stream<Arguments> invalidEvents() {
    String ref = Batches.workerRef(1);
    String now = Batches.minutesAgo(1);
    String future = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30).toString();
    return Stream.of(
        Arguments.of(
            "bad workerRef",
            ev("\"workerRef\":\"wr_short\"", now, "ONLINE", null),
            "INVALID_WORKER_REF"),
        Arguments.of(
            "raw id as workerRef",
            ev("\"workerRef\":\"13800138000\"", now, "ONLINE", null),
            "INVALID_WORKER_REF"),
        Arguments.of(
            "unknown type", ev(refField(ref), now, "LUNCH_BREAK", null), "UNKNOWN_EVENT_TYPE"),
        Arguments.of(
            "task without taskRef",
            ev(refField(ref), now, "TASK_STARTED", null),
            "MISSING_TASK_REF"),
        Arguments.of(
            "no offset",
            ev(refField(ref), "2026-11-28T14:02:11", "ONLINE", null),
            "INVALID_TIMESTAMP"),
        Arguments.of(
            "not a time", ev(refField(ref), "yesterday", "ONLINE", null), "INVALID_TIMESTAMP"),
        Arguments.of("far future", ev(refField(ref), future, "ONLINE", null), "FUTURE_TIMESTAMP"),
        Arguments.of(
            "raw coordinates as cell",
            ev(refField(ref), now, "ONLINE", "\"cell\":\"31.2304,121.4737\""),
            "INVALID_CELL"),
        Arguments.of(
            "long sessionId",
            ev(refField(ref), now, "ONLINE", "\"sessionId\":\"" + "s".repeat(65) + "\""),
            "INVALID_SESSION_ID"),
        Arguments.of(
            "platform in body",
            ev(refField(ref), now, "ONLINE", "\"platform\":\"platform-9\""),
            "UNKNOWN_FIELD"),
        Arguments.of(
            "number as eventId",
            "{\"eventId\":42,\"workerRef\":\""
                + ref
                + "\",\"sessionId\":\"s\",\"type\":\"ONLINE\",\"occurredAt\":\""
                + now
                + "\"}",
            "WRONG_TYPE"),
        Arguments.of(
            "missing sessionId",
            "{\"eventId\":\"x\",\"workerRef\":\""
                + ref
                + "\",\"type\":\"ONLINE\",\"occurredAt\":\""
                + now
                + "\"}",
            "MISSING_FIELD"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEvents")
  void invalidEventIsRejectedWithItsCodeAndValidNeighboursAreKept(
      String name, String invalidEvent, String code) throws Exception {
    String prefix = "nb-" + Math.abs(name.hashCode());
    String batch =
        Batches.batch(
            "b-" + prefix,
            List.of(
                Batches.online(prefix + "-a", 1),
                invalidEvent.replace("EVENT_ID", prefix + "-bad"),
                Batches.online(prefix + "-c", 2)));
    HttpResponse<String> response = hub.postJson("platform-1", batch);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getInteger("accepted")).isEqualTo(2);
    JsonArray rejected = body.getJsonArray("rejected");
    assertThat(rejected).hasSize(1);
    assertThat(rejected.getJsonObject(0).getInteger("index")).isEqualTo(1);
    assertThat(rejected.getJsonObject(0).getString("code")).isEqualTo(code);
    assertThat(rejected.getJsonObject(0).getString("message")).isNotBlank();
    assertThat(eventsWithPrefix(prefix + "-")).hasSize(2);
  }

  @Test
  void batchWhereEveryEventIsRejectedAnswers422() throws Exception {
    String batch =
        Batches.batch(
            "b-allbad",
            List.of(ev("\"workerRef\":\"nope\"", Batches.minutesAgo(1), "ONLINE", null)));
    HttpResponse<String> response = hub.postJson("platform-1", batch);
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(response.body()).getJsonArray("rejected")).hasSize(1);
  }

  @Test
  void malformedJsonIsA400WithAStableCode() throws Exception {
    HttpResponse<String> response = hub.postJson("platform-1", "{\"batchId\":\"b\",\"events\":[");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    HttpResponse<String> response =
        hub.postEvents(
            "platform-1",
            "text/plain",
            Batches.validBatch("b-txt", "txt", 1).getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(errorCode(response)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void oversizeBodyIs413() throws Exception {
    byte[] huge = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    HttpResponse<String> response = hub.postEvents("platform-1", "application/json", huge);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(errorCode(response)).isEqualTo("BODY_TOO_LARGE");
  }

  @Test
  void emptyBodyIs400() throws Exception {
    HttpResponse<String> response = hub.postEvents("platform-1", "application/json", new byte[0]);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("EMPTY_BODY");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    HttpRequest get =
        HttpRequest.newBuilder(hub.hub().apiUrl().resolve("/v1/nowhere")).GET().build();
    HttpResponse<String> missing =
        hub.client("platform-1").send(get, HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(errorCode(missing)).isEqualTo("NOT_FOUND");

    HttpRequest wrongMethod =
        HttpRequest.newBuilder(hub.hub().apiUrl().resolve("/v1/events")).GET().build();
    HttpResponse<String> notAllowed =
        hub.client("platform-1").send(wrongMethod, HttpResponse.BodyHandlers.ofString());
    assertThat(notAllowed.statusCode()).isEqualTo(405);
    assertThat(errorCode(notAllowed)).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void healthReadinessAndMetricsAreServed() throws Exception {
    assertThat(hub.management("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = hub.management("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getJsonObject("checks").getString("kafka"))
        .isEqualTo("UP");
    hub.postJson("platform-1", Batches.validBatch("b-metrics", "metrics", 2));
    hub.postJson("platform-1", "not json");
    String metrics = hub.management("/metrics").body();
    assertThat(metrics).contains("shiftproof_ingest_events_total{outcome=\"accepted\"}");
    assertThat(metrics).contains("shiftproof_ingest_rejected_total{code=\"MALFORMED_JSON\"}");
    assertThat(metrics).contains("shiftproof_http_requests_seconds_count");
  }

  @Test
  void everythingAcknowledgedIsExactlyWhatAConsumerReads() throws Exception {
    int batches = 20;
    int perBatch = 50;
    int acknowledged = 0;
    for (int b = 0; b < batches; b++) {
      // every batch overlaps the previous one by 10 events: those are duplicates
      int from = b * (perBatch - 10);
      List<String> events =
          java.util.stream.IntStream.range(from, from + perBatch)
              .mapToObj(i -> Batches.online("ack-" + i, i % 37))
              .toList();
      JsonObject response =
          new JsonObject(hub.postJson("platform-3", Batches.batch("b-ack-" + b, events)).body());
      acknowledged += response.getInteger("accepted");
    }
    List<RecordedEvent> read = eventsWithPrefix("ack-");
    assertThat(acknowledged).isEqualTo((batches - 1) * (perBatch - 10) + perBatch);
    assertThat(read).hasSize(acknowledged);
    assertThat(read.stream().map(e -> e.event().eventId()).distinct()).hasSize(acknowledged);
  }

  private static List<RecordedEvent> eventsWithPrefix(String prefix) {
    return TopicReader.readAll(
            hub.hub().kafkaBootstrapServers(), hub.hub().kafkaAdminClient(), hub.hub().topic())
        .stream()
        .filter(e -> e.event().eventId().startsWith(prefix))
        .toList();
  }

  private static String refField(String ref) {
    return "\"workerRef\":\"" + ref + "\"";
  }

  /** An event whose fields are valid except where {@code override} replaces one or adds one. */
  private static String ev(String workerRefField, String occurredAt, String type, String extra) {
    StringBuilder s = new StringBuilder("{\"eventId\":\"EVENT_ID\",");
    s.append(workerRefField).append(',');
    if (extra == null || !extra.startsWith("\"sessionId\"")) {
      s.append("\"sessionId\":\"s-1\",");
    }
    s.append("\"type\":\"").append(type).append("\",");
    s.append("\"occurredAt\":\"").append(occurredAt).append('"');
    if (extra != null) {
      s.append(',').append(extra);
    }
    return s.append('}').toString();
  }

  private static String errorCode(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonObject("error").getString("code");
  }

  private static String errorMessage(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonObject("error").getString("message");
  }
}

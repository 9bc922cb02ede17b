package io.shiftproof.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.ledger.pki.DevCertificateAuthority;
import io.shiftproof.ledger.pki.IssuedCredential;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.BatchAvroWriter;
import io.shiftproof.schemas.wire.BatchDecoder;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.EventBatch;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.WorkEvent;
import io.shiftproof.schemas.wire.WorkEventCodec;
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
                    + " b.event_count, p.certificate FROM platform_batch b"
                    + " JOIN platform_certificate p USING (certificate_sha256)"
                    + " WHERE b.platform = 'platform-2' AND b.batch_id = 'b-signed-1'")) {
      ResultSet row = s.executeQuery();
      assertThat(row.next()).as("the batch's provenance row").isTrue();
      assertThat(row.getBytes("body_sha256"))
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
      assertThat(row.getString("signature_state")).isEqualTo("VALID");
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(row.getBytes("certificate")));
      assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=platform-2");
      assertThat(
              EcdsaP256Verifier.fromCertificate(certificate)
                  .verify(SignatureContext.PLATFORM_BATCH, body, row.getBytes("signature")))
          .as("the kept signature verifies over the body under the kept certificate")
          .isTrue();
      List<byte[]> leaves =
          new BatchDecoder()
              .decodeJson(body, Instant.now()).acceptedEvents().stream()
                  .map(WorkEventCodec::canonical)
                  .toList();
      assertThat(row.getBytes("events_root"))
          .isEqualTo(MerkleTree.fromLeaves(leaves).rootHash().bytes());
      assertThat(row.getInt("event_count")).isEqualTo(3);
      assertThat(row.next()).isFalse();
    }
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

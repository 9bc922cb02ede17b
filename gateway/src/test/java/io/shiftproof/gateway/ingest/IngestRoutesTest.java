package io.shiftproof.gateway.ingest;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static io.shiftproof.gateway.RouteAnswer.expectError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteAnswer;
import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.gateway.metrics.GatewayMetrics;
import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.crypto.SignatureContext;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.schemas.wire.BatchDecoder;
import io.shiftproof.schemas.wire.BatchSignature;
import io.shiftproof.schemas.wire.DecodedBatch;
import io.shiftproof.schemas.wire.ErrorCode;
import io.shiftproof.schemas.wire.EventRejection;
import io.shiftproof.schemas.wire.EventSpans;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/events} against a fake ingestor, with the real decoder and error mapping. */
@ExtendWith(VertxExtension.class)
class IngestRoutesTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC);
  private static final String WORKER = "wr_" + "A".repeat(43);

  private static final FakeIngestor ingestor = new FakeIngestor();
  private static final GatewayMetrics metrics = new GatewayMetrics();
  private static RouteTestServer server;
  private static RouteTestServer warnMode;

  @BeforeAll
  static void start(Vertx vertx) {
    server =
        RouteTestServer.start(vertx, metrics, handler(BatchSignatureCheck.Mode.REQUIRED, metrics))
            .await();
    warnMode =
        RouteTestServer.start(vertx, metrics, handler(BatchSignatureCheck.Mode.WARN, metrics))
            .await();
  }

  private static IngestHandler handler(BatchSignatureCheck.Mode mode, GatewayMetrics metrics) {
    return new IngestHandler(
        new BatchDecoder(),
        ingestor,
        metrics,
        CLOCK,
        TooLateEvents.NONE,
        new BatchSignatureCheck(mode, metrics));
  }

  @BeforeEach
  void forgetEarlierBatches() {
    ingestor.reset();
  }

  @Test
  void jsonBatchIsAnsweredWithTheIngestorsOutcome(VertxTestContext test) {
    ingestor.answer(
        batch ->
            new IngestOutcome(
                batch.batchId(),
                2,
                1,
                List.of(
                    new EventRejection(
                        2, ErrorCode.FUTURE_TIMESTAMP, "occurredAt: got a time to come"))));
    server
        .postEvents("platform-2", batch("b-1", event("e-1"), event("e-2"), event("e-3")))
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.header("content-type")).isEqualTo("application/json");
                  JsonObject body = answer.json();
                  assertThat(body.getString("batchId")).isEqualTo("b-1");
                  assertThat(body.getInteger("accepted")).isEqualTo(2);
                  assertThat(body.getInteger("duplicates")).isEqualTo(1);
                  JsonArray rejected = body.getJsonArray("rejected");
                  assertThat(rejected).hasSize(1);
                  assertThat(rejected.getJsonObject(0).getMap())
                      .containsEntry("index", 2)
                      .containsEntry("code", "FUTURE_TIMESTAMP")
                      .containsEntry("message", "occurredAt: got a time to come");
                }));
  }

  @Test
  void ingestorSeesThePlatformOfTheCertificateAndTheDecodedBatch(VertxTestContext test) {
    server
        .postEvents("platform-2", batch("b-2", event("e-1"), event("e-2")))
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(ingestor.platform.get()).isEqualTo("platform-2");
                  DecodedBatch seen = ingestor.batch.get();
                  assertThat(seen.batchId()).isEqualTo("b-2");
                  assertThat(seen.acceptedEvents())
                      .extracting(e -> e.eventId())
                      .containsExactly("e-1", "e-2");
                  assertThat(ingestor.receivedAt.get()).isEqualTo(CLOCK.instant());
                }));
  }

  @Test
  void batchWhoseEveryEventIsRejectedIsUnprocessable(VertxTestContext test) {
    String badEvent = event("e-1").replace(WORKER, "13800138000");
    server
        .postEvents("platform-1", batch("b-3", badEvent))
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
                  JsonObject body = answer.json();
                  assertThat(body.getInteger("accepted")).isZero();
                  assertThat(body.getJsonArray("rejected").getJsonObject(0).getString("code"))
                      .isEqualTo("INVALID_WORKER_REF");
                }));
  }

  @Test
  void unsupportedContentTypeIsRefused(VertxTestContext test) {
    server
        .postEvents("platform-1", "text/plain", Buffer.buffer(batch("b", event("e"))))
        .onComplete(
            expectError(
                test,
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                answer -> {
                  assertThat(answer.errorMessage()).contains("text/plain");
                  assertThat(ingestor.calls()).isZero();
                }));
  }

  @Test
  void emptyBodyIsRefused(VertxTestContext test) {
    server.postEvents("platform-1", "").onComplete(expectError(test, 400, "EMPTY_BODY"));
  }

  @Test
  void malformedJsonIsRefusedWithTheDecodersCode(VertxTestContext test) {
    server
        .postEvents("platform-1", "{\"batchId\":\"b\",\"events\":[")
        .onComplete(
            expectError(
                test,
                400,
                "MALFORMED_JSON",
                answer -> {
                  assertThat(ingestor.calls()).isZero();
                }));
  }

  @Test
  void avroContentTypeIsDecodedAsAvro(VertxTestContext test) {
    server
        .postEvents("platform-1", "application/avro", Buffer.buffer("not avro"))
        .onComplete(expectError(test, 400, "MALFORMED_AVRO"));
  }

  @Test
  void bodyOverTheGatewayLimitIsRefused(VertxTestContext test) {
    Buffer tooLarge = Buffer.buffer(" ".repeat((int) RouteTestServer.MAX_BODY_BYTES + 1));
    server
        .postEvents("platform-1", "application/json", tooLarge)
        .onComplete(
            expectError(
                test,
                413,
                "BODY_TOO_LARGE",
                answer -> {
                  assertThat(ingestor.calls()).isZero();
                }));
  }

  @Test
  void insurerMayNotPostEvents(VertxTestContext test) {
    server
        .postEvents("insurer-1", batch("b", event("e")))
        .onComplete(
            expectError(
                test,
                403,
                "FORBIDDEN_ROLE",
                answer -> {
                  assertThat(answer.errorMessage()).contains("insurer").contains("platform");
                  assertThat(ingestor.calls()).isZero();
                }));
  }

  @Test
  void unavailableIngestAsksForTheBatchAgain(VertxTestContext test) {
    ingestor.answer(
        batch -> {
          throw new IngestUnavailableException("kafka: no acknowledgement", null);
        });
    server
        .postEvents("platform-1", batch("b", event("e")))
        .onComplete(
            expectError(
                test,
                503,
                "INGEST_UNAVAILABLE",
                answer -> {
                  assertThat(answer.errorMessage()).contains("resend").doesNotContain("kafka");
                  assertThat(answer.header("retry-after")).isEqualTo("1");
                }));
  }

  @Test
  void refusedBatchesAreCountedByCode(VertxTestContext test) {
    double before = rejected("UNSUPPORTED_MEDIA_TYPE");
    server
        .postEvents("platform-1", "text/plain", Buffer.buffer("x"))
        .onComplete(
            expect(
                test,
                answer -> assertThat(rejected("UNSUPPORTED_MEDIA_TYPE")).isEqualTo(before + 1)));
  }

  @Test
  void theIngestorGetsTheBatchsProvenance(VertxTestContext test) {
    String body = batch("b-sig", event("e-1"));
    server
        .postEvents("platform-1", body)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  BatchProvenance seen = ingestor.provenance.get();
                  assertThat(seen.state()).isEqualTo(BatchProvenance.SignatureState.VALID);
                  byte[] bytes = body.getBytes(UTF_8);
                  assertThat(seen.bodySha256()).isEqualTo(BatchSignatureCheck.sha256(bytes));
                  assertThat(seen.eventsRoot())
                      .isEqualTo(BatchSignature.eventsRoot(bytes, EventSpans.of(bytes)));
                  assertThat(seen.leafHashes()).hasSize(32);
                  assertThat(seen.signatureContext()).isEqualTo("shiftproof/platform-batch/v2");
                  assertThat(seen.signature())
                      .as("the signature as sent, verifying under the certificate kept with it")
                      .hasValueSatisfying(
                          der ->
                              assertThat(
                                      EcdsaP256Verifier.fromCertificate(seen.certificate())
                                          .verify(
                                              SignatureContext.PLATFORM_BATCH,
                                              BatchSignature.message(
                                                  seen.bodySha256(), seen.eventsRoot()),
                                              der))
                                  .isTrue());
                  assertThat(seen.certificate().getSubjectX500Principal().getName())
                      .contains("CN=platform-1");
                }));
  }

  @Test
  void anUnsignedBatchIsRefusedBeforeAnyEventIsKept(VertxTestContext test) {
    double before = signatures("platform-1", "missing");
    server
        .postEvents("platform-1", "application/json", Buffer.buffer(batch("b", event("e"))), null)
        .onComplete(
            expectError(
                test,
                400,
                "BATCH_SIGNATURE_MISSING",
                answer -> {
                  assertThat(answer.errorMessage())
                      .contains("Shiftproof-Batch-Signature")
                      .contains("\"shiftproof/platform-batch/v2\", a 0x00 byte, SHA-256 of")
                      .contains("RFC 6962 root")
                      .contains("events[i]");
                  assertThat(ingestor.calls()).isZero();
                  assertThat(signatures("platform-1", "missing")).isEqualTo(before + 1);
                }));
  }

  @Test
  void aBodyRefusedWholeIsRefusedForWhatIsWrongWithItBeforeItsSignature(VertxTestContext test) {
    server
        .postEvents("platform-1", "application/json", Buffer.buffer("{\"batchId\":7}"), null)
        .onComplete(expectError(test, 400, "WRONG_TYPE"));
  }

  @Test
  void aVersionOneSignatureOverTheBodyIsRefusedSayingWhatToSign(VertxTestContext test)
      throws Exception {
    byte[] body = batch("b-v1", event("e-1")).getBytes(UTF_8);
    Signature v1 = Signature.getInstance("SHA256withECDSA");
    v1.initSign(platformKey("platform-1"));
    v1.update("shiftproof/platform-batch/v1".getBytes(UTF_8));
    v1.update((byte) 0);
    v1.update(body);
    server
        .postEvents(
            "platform-1",
            "application/json",
            Buffer.buffer(body),
            Base64.getEncoder().encodeToString(v1.sign()))
        .onComplete(
            expectError(
                test,
                400,
                "BATCH_SIGNATURE_INVALID",
                answer -> {
                  assertThat(answer.errorMessage())
                      .contains("\"shiftproof/platform-batch/v2\", a 0x00 byte, SHA-256 of")
                      .contains(
                          "\"shiftproof/platform-batch/v1\" and the body alone are no longer");
                  assertThat(ingestor.calls()).isZero();
                }));
  }

  /**
   * The attacks on a batch signature: another platform's signature, a signature over other bytes
   * (one event changed after signing), the platform's own key over the same bytes but as another
   * kind of message, over this body's hash with another batch's events root, and a header that is
   * no signature at all.
   */
  @Test
  void aSignatureThatIsNotThisPlatformsOverThisBodyIsRefused(VertxTestContext test) {
    byte[] body = batch("b-forged", event("e-1")).getBytes(UTF_8);
    byte[] altered = batch("b-forged", event("e-2")).getBytes(UTF_8);
    byte[] asLedgerEntry =
        EcdsaP256Signer.of(platformKey("platform-1")).sign(SignatureContext.LEDGER_ENTRY, body);
    // This body's hash, but the events root of another batch: the events are not these.
    byte[] otherRoot =
        EcdsaP256Signer.of(platformKey("platform-1"))
            .sign(
                SignatureContext.PLATFORM_BATCH,
                BatchSignature.message(
                    BatchSignature.sha256(body),
                    BatchSignature.eventsRoot(altered, EventSpans.of(altered))));
    List<String> forgeries =
        List.of(
            RouteTestServer.batchSignature("platform-2", body),
            RouteTestServer.batchSignature("platform-1", altered),
            Base64.getEncoder().encodeToString(asLedgerEntry),
            Base64.getEncoder().encodeToString(otherRoot),
            "not a signature");
    Future<List<RouteAnswer>> answers =
        Future.all(
                forgeries.stream()
                    .map(
                        forged ->
                            server.postEvents(
                                "platform-1", "application/json", Buffer.buffer(body), forged))
                    .toList())
            .map(all -> all.<RouteAnswer>list());
    answers.onComplete(
        test.succeeding(
            all ->
                test.verify(
                    () -> {
                      assertThat(all)
                          .allSatisfy(
                              answer -> {
                                assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
                                assertThat(answer.errorCode()).isEqualTo("BATCH_SIGNATURE_INVALID");
                              });
                      assertThat(ingestor.calls()).isZero();
                      test.completeNow();
                    })));
  }

  @Test
  void inWarnModeAnUnsignedBatchIsTakenAndMarked(VertxTestContext test) {
    double before = signatures("platform-3", "missing");
    warnMode
        .postEvents(
            "platform-3", "application/json", Buffer.buffer(batch("b-warn", event("e-1"))), null)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.json().getInteger("accepted")).isEqualTo(1);
                  BatchProvenance seen = ingestor.provenance.get();
                  assertThat(seen.state()).isEqualTo(BatchProvenance.SignatureState.MISSING);
                  assertThat(seen.signature()).isEmpty();
                  assertThat(signatures("platform-3", "missing")).isEqualTo(before + 1);
                }));
  }

  /** The count of batches whose signature was found {@code result}, as Prometheus reads it. */
  private static double signatures(String platform, String result) {
    return scraped(
        "shiftproof_ingest_batch_signatures_total{platform=\""
            + platform
            + "\",result=\""
            + result
            + "\"} ");
  }

  private static PrivateKey platformKey(String platform) {
    return PemKeys.privateKey(RouteTestServer.credentials().privateKey(platform));
  }

  /** The count of batches and events rejected with {@code code}, as Prometheus reads it. */
  private static double rejected(String code) {
    return scraped("shiftproof_ingest_rejected_total{code=\"" + code + "\"} ");
  }

  /** The value of one series (its name and labels, then a space) in the Prometheus scrape. */
  private static double scraped(String series) {
    return metrics
        .scrape()
        .lines()
        .filter(line -> line.startsWith(series))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length())))
        .sum();
  }

  private static String batch(String batchId, String... events) {
    return "{\"batchId\":\"" + batchId + "\",\"events\":[" + String.join(",", events) + "]}";
  }

  /** A valid ONLINE event ten minutes before the fixed clock. */
  private static String event(String eventId) {
    return """
        {"eventId":"%s","workerRef":"%s","sessionId":"s-1","type":"ONLINE",\
        "occurredAt":"2026-11-28T11:50:00+08:00"}"""
        .formatted(eventId, WORKER);
  }

  /** Remembers what it was asked; by default accepts every event the decoder accepted. */
  private static final class FakeIngestor implements EventIngestor {
    private static final Function<DecodedBatch, IngestOutcome> ACCEPT_DECODED =
        decoded ->
            new IngestOutcome(
                decoded.batchId(), decoded.accepted().size(), 0, decoded.rejections());

    final AtomicReference<String> platform = new AtomicReference<>();
    final AtomicReference<DecodedBatch> batch = new AtomicReference<>();
    final AtomicReference<Instant> receivedAt = new AtomicReference<>();
    final AtomicReference<BatchProvenance> provenance = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Function<DecodedBatch, IngestOutcome> answer = ACCEPT_DECODED;

    void answer(Function<DecodedBatch, IngestOutcome> answer) {
      this.answer = answer;
    }

    int calls() {
      return calls.get();
    }

    void reset() {
      platform.set(null);
      batch.set(null);
      receivedAt.set(null);
      provenance.set(null);
      calls.set(0);
      answer = ACCEPT_DECODED;
    }

    @Override
    public IngestOutcome ingest(
        String platform, DecodedBatch batch, BatchProvenance provenance, Instant receivedAt) {
      calls.incrementAndGet();
      this.provenance.set(provenance);
      this.platform.set(platform);
      this.batch.set(batch);
      this.receivedAt.set(receivedAt);
      return answer.apply(batch);
    }
  }
}

package io.shiftproof.gateway.evidence;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static io.shiftproof.gateway.RouteAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.ledger.LedgerException;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/evidence} against fake bundles: parsing, roles and failures of the route. */
@ExtendWith(VertxExtension.class)
class EvidenceRoutesTest {
  private static final String WORKER = "wr_" + "A".repeat(43);
  private static final String BUNDLE = "{\"format\":\"shiftproof-evidence/4\",\"records\":[]}";

  private static final FakeBundles bundles = new FakeBundles();
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = RouteTestServer.start(vertx, new EvidenceHandler(bundles)).await();
  }

  @BeforeEach
  void forgetEarlierRequests() {
    bundles.reset();
  }

  @Test
  void bundleIsAnsweredAsTheServiceWroteIt(VertxTestContext test) {
    server
        .postJson("insurer-1", "/v1/evidence", request(WORKER, "2026-11-28T14:32:00+08:00"))
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.header("content-type")).isEqualTo("application/json");
                  assertThat(answer.body().toString(StandardCharsets.UTF_8)).isEqualTo(BUNDLE);
                  assertThat(bundles.asked.get())
                      .isEqualTo(
                          new EvidenceQuery(
                              WORKER, Instant.parse("2026-11-28T06:32:00Z"), "insurer-1"));
                }));
  }

  @Test
  void requesterIsTheOrganisationOfTheCertificate(VertxTestContext test) {
    server
        .postJson("admin", "/v1/evidence", request(WORKER, "2026-11-28T06:32:00Z"))
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(bundles.asked.get().requestedBy()).isEqualTo("admin");
                }));
  }

  @Test
  void claimIdIsPassedOnToBeBoundIntoTheBundle(VertxTestContext test) {
    String withClaim =
        "{\"workerRef\":\""
            + WORKER
            + "\",\"incidentAt\":\"2026-11-28T06:32:00Z\",\"claimId\":\"CLM-2026-0042\"}";
    server
        .postJson("insurer-1", "/v1/evidence", withClaim)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(bundles.asked.get().claimId()).contains("CLM-2026-0042");
                }));
  }

  @Test
  void malformedClaimIdIsRefused(VertxTestContext test) {
    String withClaim =
        "{\"workerRef\":\""
            + WORKER
            + "\",\"incidentAt\":\"2026-11-28T06:32:00Z\",\"claimId\":\"a claim\"}";
    server
        .postJson("insurer-1", "/v1/evidence", withClaim)
        .onComplete(
            expectError(
                test,
                400,
                "BAD_REQUEST",
                answer -> {
                  assertThat(answer.errorMessage()).startsWith("claimId: got \"a claim\"");
                  assertThat(bundles.calls.get()).isZero();
                }));
  }

  @Test
  void unknownFieldIsRefused(VertxTestContext test) {
    String withRequester =
        "{\"workerRef\":\""
            + WORKER
            + "\",\"incidentAt\":\"2026-11-28T06:32:00Z\","
            + "\"requestedBy\":\"admin\"}";
    server
        .postJson("insurer-1", "/v1/evidence", withRequester)
        .onComplete(
            expectError(
                test,
                400,
                "BAD_REQUEST",
                answer -> {
                  assertThat(answer.errorMessage()).contains("\"requestedBy\"");
                  assertThat(bundles.calls.get()).isZero();
                }));
  }

  @Test
  void bodyThatIsNotAJsonObjectIsRefused(VertxTestContext test) {
    server
        .postJson("insurer-1", "/v1/evidence", "[1, 2]")
        .onComplete(expectError(test, 400, "BAD_REQUEST"));
  }

  @Test
  void emptyBodyIsRefused(VertxTestContext test) {
    server
        .postJson("insurer-1", "/v1/evidence", "")
        .onComplete(expectError(test, 400, "EMPTY_BODY"));
  }

  @Test
  void malformedWorkerRefIsRefused(VertxTestContext test) {
    server
        .postJson("insurer-1", "/v1/evidence", request("13800138000", "2026-11-28T06:32:00Z"))
        .onComplete(expectError(test, 400, "INVALID_WORKER_REF"));
  }

  @Test
  void incidentWithoutOffsetIsRefused(VertxTestContext test) {
    server
        .postJson("insurer-1", "/v1/evidence", request(WORKER, "2026-11-28T14:32:00"))
        .onComplete(
            expectError(
                test,
                400,
                "INVALID_INSTANT",
                answer -> {
                  assertThat(answer.errorMessage()).contains("\"2026-11-28T14:32:00\"");
                  assertThat(bundles.calls.get()).isZero();
                }));
  }

  @Test
  void bodyOverTheRoutesOwnLimitIsRefused(VertxTestContext test) {
    // Larger than the route's 4 KiB, smaller than the gateway's limit.
    String padded =
        "{\"workerRef\":\""
            + WORKER
            + "\",\"incidentAt\":\"2026-11-28T06:32:00Z\"}"
            + " ".repeat(5_000);
    server
        .postJson("insurer-1", "/v1/evidence", padded)
        .onComplete(
            expectError(
                test,
                413,
                "BODY_TOO_LARGE",
                answer -> {
                  assertThat(bundles.calls.get()).isZero();
                }));
  }

  @Test
  void platformMayNotRequestEvidence(VertxTestContext test) {
    server
        .postJson("platform-1", "/v1/evidence", request(WORKER, "2026-11-28T06:32:00Z"))
        .onComplete(
            expectError(
                test,
                403,
                "FORBIDDEN_ROLE",
                answer -> {
                  assertThat(bundles.calls.get()).isZero();
                }));
  }

  @Test
  void unreachableLedgerIsUnavailable(VertxTestContext test) {
    bundles.answer =
        query -> {
          throw new LedgerException("UNAVAILABLE", "peer0 unreachable", true);
        };
    server
        .postJson("insurer-1", "/v1/evidence", request(WORKER, "2026-11-28T06:32:00Z"))
        .onComplete(
            expectError(
                test,
                503,
                "RECORDS_UNAVAILABLE",
                answer -> {
                  assertThat(answer.errorMessage()).doesNotContain("peer0");
                  assertThat(answer.header("retry-after")).isEqualTo("1");
                }));
  }

  @Test
  void refusalOfTheServiceReachesTheClientAsItIs(VertxTestContext test) {
    bundles.answer =
        query -> {
          throw HttpErrorCode.EVIDENCE_NOT_SEALED.exception("not processed past the incident");
        };
    server
        .postJson("insurer-1", "/v1/evidence", request(WORKER, "2026-11-28T06:32:00Z"))
        .onComplete(
            expectError(
                test,
                409,
                "EVIDENCE_NOT_SEALED",
                answer -> {
                  assertThat(answer.errorMessage()).isEqualTo("not processed past the incident");
                }));
  }

  private static String request(String workerRef, String incidentAt) {
    return "{\"workerRef\":\"" + workerRef + "\",\"incidentAt\":\"" + incidentAt + "\"}";
  }

  /** Remembers the query; answers {@link #BUNDLE} unless told otherwise. */
  private static final class FakeBundles implements EvidenceBundles {
    private static final Function<EvidenceQuery, byte[]> WRITE_BUNDLE =
        query -> BUNDLE.getBytes(StandardCharsets.UTF_8);

    final AtomicReference<EvidenceQuery> asked = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile Function<EvidenceQuery, byte[]> answer = WRITE_BUNDLE;

    void reset() {
      asked.set(null);
      calls.set(0);
      answer = WRITE_BUNDLE;
    }

    @Override
    public byte[] bundle(EvidenceQuery query) {
      calls.incrementAndGet();
      asked.set(query);
      return answer.apply(query);
    }
  }
}

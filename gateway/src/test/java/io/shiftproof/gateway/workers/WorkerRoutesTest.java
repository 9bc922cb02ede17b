package io.shiftproof.gateway.workers;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.gateway.access.AccessLogReader;
import io.shiftproof.gateway.api.HttpErrorCode;
import io.shiftproof.gateway.claims.ClaimDesk;
import io.shiftproof.gateway.claims.ClaimReport;
import io.shiftproof.gateway.claims.DecisionRequest;
import io.shiftproof.gateway.evidence.EvidenceQuery;
import io.shiftproof.gateway.query.DayRecordLookup;
import io.shiftproof.gateway.tokens.WorkerTokens;
import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.records.DayRecords;
import io.shiftproof.records.InMemoryDayRecordReader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The workers' routes against fakes: a token opens only its own worker's data, a missing, malformed
 * or unknown token is {@code 401 INVALID_TOKEN}, and bad input gets its stable code.
 */
@ExtendWith(VertxExtension.class)
class WorkerRoutesTest {
  private static final String WORKER = "wr_" + "A".repeat(43);
  private static final String TOKEN = "wt_" + "t".repeat(43);
  private static final String UNKNOWN = "wt_" + "u".repeat(43);

  private static final AtomicReference<String> askedFor = new AtomicReference<>();
  private static final AtomicReference<EvidenceQuery> evidence = new AtomicReference<>();
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    WorkerTokens tokens =
        new WorkerTokens() {
          @Override
          public String issue(String workerRef, String issuedBy, Optional<String> claimId) {
            return TOKEN;
          }

          @Override
          public Optional<String> workerOf(String token) {
            return token.equals(TOKEN) ? Optional.of(WORKER) : Optional.empty();
          }

          @Override
          public boolean revoke(String token, String revokedBy, Optional<String> issuer) {
            return true;
          }

          @Override
          public boolean platformKnowsWorker(String platform, String workerRef) {
            return platform.equals("platform-1");
          }
        };
    DayRecordLookup days =
        new DayRecordLookup(
            new InMemoryDayRecordReader().add(DayRecords.worker(WORKER).version(1).build()),
            ZoneId.of("Asia/Shanghai"));
    server =
        RouteTestServer.start(
                vertx,
                new WorkerHandler(
                    tokens,
                    days,
                    new OwnClaims(),
                    query -> {
                      evidence.set(query);
                      return "{}".getBytes(StandardCharsets.UTF_8);
                    },
                    new AccessLogReader(null),
                    ZoneId.of("Asia/Shanghai")))
            .await();
  }

  @BeforeEach
  void forget() {
    askedFor.set(null);
    evidence.set(null);
  }

  @Test
  void aTokenOpensItsOwnWorkersClaims(VertxTestContext test) {
    server
        .sendAsWorker(HttpMethod.GET, "/v1/me/claims", "Bearer " + TOKEN, null)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(askedFor.get()).isEqualTo(WORKER);
                }));
  }

  @Test
  void aTokenOpensItsOwnWorkersDays(VertxTestContext test) {
    server
        .sendAsWorker(HttpMethod.GET, "/v1/me/days/" + DayRecords.DAY, "Bearer " + TOKEN, null)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.json().getString("workerRef")).isEqualTo(WORKER);
                }));
  }

  @Test
  void freshEvidenceIsForTheTokensWorkerRequestedByTheWorker(VertxTestContext test) {
    server
        .sendAsWorker(
            HttpMethod.POST,
            "/v1/me/evidence",
            "Bearer " + TOKEN,
            "{\"incidentAt\": \"2026-11-28T14:32:00+08:00\"}")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(evidence.get())
                      .isEqualTo(
                          new EvidenceQuery(
                              WORKER,
                              Instant.parse("2026-11-28T06:32:00Z"),
                              WorkerHandler.WORKER_REQUESTER));
                }));
  }

  @Test
  void noTokenIsRefused(VertxTestContext test) {
    refused(test, null, "/v1/me/claims", 401, "INVALID_TOKEN");
  }

  @Test
  void aMalformedTokenIsRefused(VertxTestContext test) {
    refused(test, "Bearer 13800138000", "/v1/me/claims", 401, "INVALID_TOKEN");
  }

  @Test
  void anUnknownOrRevokedTokenIsRefused(VertxTestContext test) {
    refused(test, "Bearer " + UNKNOWN, "/v1/me/claims", 401, "INVALID_TOKEN");
  }

  @Test
  void aBadDayIsRefused(VertxTestContext test) {
    refused(test, "Bearer " + TOKEN, "/v1/me/days/2026-13-01", 400, "INVALID_DATE");
  }

  @Test
  void badEvidenceRequestsAreRefused(VertxTestContext test) {
    server
        .sendAsWorker(HttpMethod.POST, "/v1/me/evidence", "Bearer " + TOKEN, "{\"incidentAt\": 1}")
        .compose(
            first -> {
              assertThat(first.status()).isEqualTo(400);
              assertThat(first.errorCode()).isEqualTo("INVALID_INSTANT");
              return server.sendAsWorker(
                  HttpMethod.POST,
                  "/v1/me/evidence",
                  "Bearer " + TOKEN,
                  "{\"incidentAt\": \"2026-11-28T14:32:00+08:00\", \"workerRef\": \"x\"}");
            })
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(400);
                  assertThat(answer.errorCode()).isEqualTo("BAD_REQUEST");
                  assertThat(evidence.get()).isNull();
                }));
  }

  @Test
  void organisationsRoutesStillNeedACertificate(VertxTestContext test) {
    server
        .sendAsWorker(
            HttpMethod.POST, "/v1/worker-tokens", "Bearer " + TOKEN, "{\"workerRef\": \"x\"}")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(401);
                  assertThat(answer.errorCode()).isEqualTo("CERTIFICATE_REQUIRED");
                }));
  }

  @Test
  void aPlatformIssuesTokensOnlyForItsOwnWorkers(VertxTestContext test) {
    String body = new JsonObject().put("workerRef", WORKER).encode();
    server
        .postJson("platform-1", "/v1/worker-tokens", body)
        .compose(
            own -> {
              assertThat(own.status()).as(own.toString()).isEqualTo(200);
              assertThat(own.json().getString("workerToken")).isEqualTo(TOKEN);
              return server.postJson("platform-2", "/v1/worker-tokens", body);
            })
        .compose(
            stranger -> {
              assertThat(stranger.status()).isEqualTo(403);
              assertThat(stranger.errorCode()).isEqualTo("NOT_PERMITTED");
              return server.postJson("insurer-1", "/v1/worker-tokens", body);
            })
        .compose(
            insurer -> {
              assertThat(insurer.status()).isEqualTo(403);
              assertThat(insurer.errorCode()).isEqualTo("FORBIDDEN_ROLE");
              return server.postJson(
                  "platform-1", "/v1/worker-tokens", "{\"workerRef\": \"13800138000\"}");
            })
        .compose(
            bad -> {
              assertThat(bad.status()).isEqualTo(400);
              assertThat(bad.errorCode()).isEqualTo("INVALID_WORKER_REF");
              return server.postJson(
                  "platform-1", "/v1/worker-tokens/revoke", "{\"workerToken\": \"nope\"}");
            })
        .onComplete(
            expect(
                test,
                revoke -> {
                  assertThat(revoke.status()).isEqualTo(401);
                  assertThat(revoke.errorCode()).isEqualTo("INVALID_TOKEN");
                }));
  }

  private static void refused(
      VertxTestContext test, String authorization, String path, int status, String code) {
    server
        .sendAsWorker(HttpMethod.GET, path, authorization, null)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
                  assertThat(answer.errorCode()).isEqualTo(code);
                  assertThat(askedFor.get()).isNull();
                }));
  }

  /** Answers a worker's own claims, remembering whose were asked for. */
  private static final class OwnClaims implements ClaimDesk {
    @Override
    public JsonObject workerClaims(String workerRef) {
      askedFor.set(workerRef);
      return new JsonObject().put("claims", new io.vertx.core.json.JsonArray());
    }

    @Override
    public JsonObject workerClaim(String workerRef, String claimId) {
      askedFor.set(workerRef);
      throw HttpErrorCode.CLAIM_NOT_FOUND.exception("not yours");
    }

    @Override
    public byte[] workerEvidence(String workerRef, String claimId) {
      askedFor.set(workerRef);
      return Buffer.buffer("{}").getBytes();
    }

    @Override
    public JsonObject policies(OrganisationIdentity caller) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonObject registerPolicy(OrganisationIdentity caller, PolicyTerms terms) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonObject acceptPolicy(OrganisationIdentity caller, String policyId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonObject report(OrganisationIdentity caller, ClaimReport report) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonObject claims(OrganisationIdentity caller, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonObject claim(OrganisationIdentity caller, String claimId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonObject refreeze(OrganisationIdentity caller, String claimId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] evidence(
        OrganisationIdentity caller, String claimId, java.util.Optional<String> evidenceHash) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonObject decide(OrganisationIdentity caller, DecisionRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JsonObject pay(OrganisationIdentity caller, ClaimPayment payment) {
      throw new UnsupportedOperationException();
    }
  }
}

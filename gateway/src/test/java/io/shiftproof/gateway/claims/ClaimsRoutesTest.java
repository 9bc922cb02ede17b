package io.shiftproof.gateway.claims;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static io.shiftproof.gateway.RouteAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.ledger.contract.ClaimPayment;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.contract.PolicyTerms;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The claims and policies routes against a fake desk: what each route hands on, who may call it,
 * and the stable code of every kind of bad input, before any work is done.
 */
@ExtendWith(VertxExtension.class)
class ClaimsRoutesTest {
  private static final String WORKER = "wr_" + "A".repeat(43);
  private static final String HASH = "ab".repeat(32);
  private static final FakeDesk desk = new FakeDesk();
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    server = RouteTestServer.start(vertx, new ClaimsHandler(desk)).await();
  }

  @BeforeEach
  void forget() {
    desk.calls.set(0);
    desk.last.set(null);
  }

  @Test
  void aReportIsHandedOnWithTheReporterFromTheCertificate(VertxTestContext test) {
    server
        .postJson("platform-1", "/v1/claims", report().encode())
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(desk.last.get())
                      .isEqualTo(
                          new ClaimReport(
                              "acc-1",
                              WORKER,
                              Instant.parse("2026-11-28T06:32:00Z"),
                              java.util.Optional.of("wt3mf"),
                              java.util.Optional.of("traffic")));
                  assertThat(answer.json().getString("caller")).isEqualTo("platform-1");
                }));
  }

  @Test
  void aDecisionCarriesTheCallersOwnCertificate(VertxTestContext test) {
    server
        .postJson("insurer-1", "/v1/claims/clm_1/decision", decision().encode())
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  DecisionRequest request = (DecisionRequest) desk.last.get();
                  assertThat(request.claimId()).isEqualTo("clm_1");
                  assertThat(request.decision()).isEqualTo(Decision.APPROVED);
                  assertThat(request.signerCertificate()).isNotBlank();
                }));
  }

  @Test
  void aPolicyIsAlwaysTheCallersOwn(VertxTestContext test) {
    server
        .postJson("insurer-1", "/v1/policies", policy().encode())
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(((PolicyTerms) desk.last.get()).insurer()).isEqualTo("insurer-1");
                }));
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("platform-1", "/v1/claims", "", 400, "EMPTY_BODY"),
        bad("platform-1", "/v1/claims", "[1]", 400, "BAD_REQUEST"),
        bad("platform-1", "/v1/claims", "{", 400, "BAD_REQUEST"),
        bad("platform-1", "/v1/claims", report().put("x", 1).encode(), 400, "BAD_REQUEST"),
        bad("platform-1", "/v1/claims", without(report(), "reference"), 400, "INVALID_REFERENCE"),
        bad(
            "platform-1",
            "/v1/claims",
            report().put("reference", "a b").encode(),
            400,
            "INVALID_REFERENCE"),
        bad(
            "platform-1",
            "/v1/claims",
            report().put("reference", 7).encode(),
            400,
            "INVALID_REFERENCE"),
        bad(
            "platform-1",
            "/v1/claims",
            report().put("workerRef", "13800138000").encode(),
            400,
            "INVALID_WORKER_REF"),
        bad("platform-1", "/v1/claims", without(report(), "workerRef"), 400, "INVALID_WORKER_REF"),
        bad(
            "platform-1",
            "/v1/claims",
            report().put("incidentAt", "yesterday").encode(),
            400,
            "INVALID_INSTANT"),
        bad(
            "platform-1",
            "/v1/claims",
            report().put("cell", "wt3mfaa").encode(),
            400,
            "INVALID_CELL"),
        bad(
            "platform-1",
            "/v1/claims",
            report().put("cell", "31.2,121.4").encode(),
            400,
            "INVALID_CELL"),
        bad(
            "platform-1",
            "/v1/claims",
            report().put("category", "robbery").encode(),
            400,
            "INVALID_CATEGORY"),
        bad("regulator", "/v1/claims", report().encode(), 403, "FORBIDDEN_ROLE"),
        bad("admin", "/v1/claims", report().encode(), 403, "FORBIDDEN_ROLE"),
        bad(
            "insurer-1",
            "/v1/claims/clm_1/decision",
            decision().put("decision", "MAYBE").encode(),
            400,
            "INVALID_DECISION"),
        bad(
            "insurer-1",
            "/v1/claims/clm_1/decision",
            decision().put("evidenceHash", "AB".repeat(32)).encode(),
            400,
            "INVALID_DECISION"),
        bad(
            "insurer-1",
            "/v1/claims/clm_1/decision",
            without(decision(), "signature"),
            400,
            "SIGNATURE_INVALID"),
        bad(
            "insurer-1",
            "/v1/claims/clm_1/decision",
            decision().put("signedAt", "now").encode(),
            400,
            "INVALID_DECISION"),
        bad(
            "insurer-1",
            "/v1/claims/clm_1/decision",
            decision().put("reasons", "x").encode(),
            400,
            "INVALID_DECISION"),
        bad("platform-1", "/v1/claims/clm_1/decision", decision().encode(), 403, "FORBIDDEN_ROLE"),
        bad("admin", "/v1/claims/clm_1/decision", decision().encode(), 403, "FORBIDDEN_ROLE"),
        bad(
            "insurer-1",
            "/v1/claims/clm_1/payment",
            payment().put("amountFen", -1).encode(),
            400,
            "INVALID_PAYMENT"),
        bad(
            "insurer-1",
            "/v1/claims/clm_1/payment",
            payment().put("amountFen", 1.5).encode(),
            400,
            "INVALID_PAYMENT"),
        bad(
            "insurer-1",
            "/v1/claims/clm_1/payment",
            without(payment(), "paymentRef"),
            400,
            "INVALID_PAYMENT"),
        bad("platform-1", "/v1/claims/clm_1/payment", payment().encode(), 403, "FORBIDDEN_ROLE"),
        bad(
            "insurer-1",
            "/v1/policies",
            policy().put("validTo", "2025-01-01T00:00:00Z").encode(),
            400,
            "INVALID_POLICY"),
        bad(
            "insurer-1",
            "/v1/policies",
            policy().put("premiumPerOrderFen", "7").encode(),
            400,
            "INVALID_POLICY"),
        bad(
            "insurer-1",
            "/v1/policies",
            policy().put("insurer", "insurer-2").encode(),
            400,
            "BAD_REQUEST"),
        bad("platform-1", "/v1/policies", policy().encode(), 403, "FORBIDDEN_ROLE"),
        bad("insurer-1", "/v1/policies/p-1/accept", "", 403, "FORBIDDEN_ROLE"));
  }

  @ParameterizedTest(name = "{0} POST {1} {2} -> {3} {4}")
  @MethodSource("badRequests")
  void badInputGetsItsStableCodeAndReachesNothing(
      String organisation,
      String path,
      String body,
      int status,
      String code,
      VertxTestContext test) {
    server
        .postJson(organisation, path, body)
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
                  assertThat(answer.errorCode()).isEqualTo(code);
                  assertThat(desk.calls.get()).isZero();
                }));
  }

  @Test
  void aBadClaimIdInThePathIsRefused(VertxTestContext test) {
    server
        .send("insurer-1", HttpMethod.GET, "/v1/claims/%7F", null, Buffer.buffer())
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
                  assertThat(answer.errorCode()).isEqualTo("INVALID_CLAIM_ID");
                }));
  }

  @Test
  void aBadEvidenceHashIsRefusedBeforeTheClaimIsLookedUp(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/claims/clm_1/evidence?hash=" + "AB".repeat(32))
        .onComplete(
            expectError(
                test,
                400,
                "INVALID_EVIDENCE_HASH",
                answer -> assertThat(desk.calls.get()).isZero()));
  }

  @Test
  void aBadLimitIsRefused(VertxTestContext test) {
    server
        .get("admin", "/v1/claims?limit=0")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(400);
                  assertThat(answer.errorCode()).isEqualTo("INVALID_LIMIT");
                }));
  }

  @Test
  void regulatorsReadPoliciesButNoClaims(VertxTestContext test) {
    server
        .get("regulator", "/v1/policies")
        .compose(
            policies -> {
              assertThat(policies.status()).isEqualTo(200);
              return server.get("regulator", "/v1/claims");
            })
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(403);
                  assertThat(answer.errorCode()).isEqualTo("FORBIDDEN_ROLE");
                }));
  }

  private static Arguments bad(
      String organisation, String path, String body, int status, String code) {
    return Arguments.of(organisation, path, body, status, code);
  }

  private static String without(JsonObject json, String field) {
    JsonObject copy = json.copy();
    copy.remove(field);
    return copy.encode();
  }

  private static JsonObject report() {
    return new JsonObject()
        .put("reference", "acc-1")
        .put("workerRef", WORKER)
        .put("incidentAt", "2026-11-28T14:32:00+08:00")
        .put("cell", "wt3mf")
        .put("category", "traffic");
  }

  private static JsonObject decision() {
    return new JsonObject()
        .put("decision", "APPROVED")
        .put("evidenceHash", HASH)
        .put("ruleVersion", "cn-pilot-2022")
        .put("reasons", new io.vertx.core.json.JsonArray().add("engaged"))
        .put("signedAt", "2026-11-28T15:00:00+08:00")
        .put("signature", "MEUCIQ==");
  }

  private static JsonObject payment() {
    return new JsonObject().put("paymentRef", "pay-1").put("amountFen", 150_000);
  }

  private static JsonObject policy() {
    return new JsonObject()
        .put("policyId", "p-1")
        .put("platform", "platform-1")
        .put("validFrom", "2026-01-01T00:00:00+08:00")
        .put("validTo", "2027-01-01T00:00:00+08:00")
        .put("premiumPerOrderFen", 7);
  }

  /** Records what each route hands on and answers with who asked. */
  private static final class FakeDesk implements ClaimDesk {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicReference<Object> last = new AtomicReference<>();

    private JsonObject called(OrganisationIdentity caller, Object request) {
      calls.incrementAndGet();
      last.set(request);
      return new JsonObject().put("caller", caller.organisation());
    }

    @Override
    public JsonObject policies(OrganisationIdentity caller) {
      return called(caller, null);
    }

    @Override
    public JsonObject registerPolicy(OrganisationIdentity caller, PolicyTerms terms) {
      return called(caller, terms);
    }

    @Override
    public JsonObject acceptPolicy(OrganisationIdentity caller, String policyId) {
      return called(caller, policyId);
    }

    @Override
    public JsonObject report(OrganisationIdentity caller, ClaimReport report) {
      return called(caller, report);
    }

    @Override
    public JsonObject claims(OrganisationIdentity caller, int limit) {
      return called(caller, limit);
    }

    @Override
    public JsonObject claim(OrganisationIdentity caller, String claimId) {
      return called(caller, claimId);
    }

    @Override
    public JsonObject refreeze(OrganisationIdentity caller, String claimId) {
      return called(caller, claimId);
    }

    @Override
    public byte[] evidence(
        OrganisationIdentity caller, String claimId, java.util.Optional<String> evidenceHash) {
      called(caller, claimId);
      return "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public JsonObject decide(OrganisationIdentity caller, DecisionRequest request) {
      return called(caller, request);
    }

    @Override
    public JsonObject pay(OrganisationIdentity caller, ClaimPayment payment) {
      return called(caller, payment);
    }

    @Override
    public JsonObject workerClaims(String workerRef) {
      throw new UnsupportedOperationException("not a claims route");
    }

    @Override
    public JsonObject workerClaim(String workerRef, String claimId) {
      throw new UnsupportedOperationException("not a claims route");
    }

    @Override
    public byte[] workerEvidence(String workerRef, String claimId) {
      throw new UnsupportedOperationException("not a claims route");
    }
  }
}

package io.shiftproof.gateway.audit;

import static io.shiftproof.gateway.RouteAnswer.expect;
import static io.shiftproof.gateway.RouteAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.gateway.RouteTestServer;
import io.shiftproof.ledger.LedgerException;
import io.shiftproof.ledger.SignedLedgerHead;
import io.shiftproof.ledger.crypto.EcdsaP256Signer;
import io.shiftproof.ledger.crypto.EcdsaP256Verifier;
import io.shiftproof.ledger.merkle.Hash;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /v1/audit} against a fake auditor. */
@ExtendWith(VertxExtension.class)
class AuditRoutesTest {
  private static final String RECORD = "wr_" + "A".repeat(43) + "/2026-11-28/v1";

  /** A report with a finding of a record and one of the ledger alone. */
  private static final Auditor FINDS_TWO =
      kept ->
          new AuditReport(
              3,
              10,
              4,
              List.of(
                  new AuditFinding(
                      "RECORD_CHANGED",
                      Optional.of("wt-job/ckpt-1"),
                      Optional.of(RECORD),
                      "leaf hash differs from the anchored tree"),
                  new AuditFinding(
                      "LEDGER_ENTRY_BROKEN", Optional.empty(), Optional.empty(), "entry 7")),
              2,
              Duration.ofMillis(12));

  private static final KeyPair HUB = p256();
  private static final SignedLedgerHead HEAD =
      SignedLedgerHead.sign(
          42,
          Hash.fromHex("ab".repeat(32)),
          Instant.parse("2026-11-28T06:00:00Z"),
          EcdsaP256Signer.of(HUB.getPrivate()));

  private static final AtomicInteger runs = new AtomicInteger();
  private static final List<Optional<SignedLedgerHead>> keptHeads = new CopyOnWriteArrayList<>();
  private static volatile Auditor auditor = FINDS_TWO;
  private static RouteTestServer server;

  @BeforeAll
  static void start(Vertx vertx) {
    Auditor counted =
        kept -> {
          runs.incrementAndGet();
          keptHeads.add(kept);
          return auditor.run(kept);
        };
    server =
        RouteTestServer.start(
                vertx, new AuditHandler(counted), new LedgerHeadHandler(() -> Optional.of(HEAD)))
            .await();
  }

  @BeforeEach
  void findsTwoAgain() {
    runs.set(0);
    keptHeads.clear();
    auditor = FINDS_TWO;
  }

  @Test
  void anyRoleReadsTheSignedHeadAsJsonTheAuditTakesBack(VertxTestContext test) {
    server
        .get("platform-1", "/v1/ledger/head")
        .compose(
            head -> {
              assertThat(head.status()).as(head.toString()).isEqualTo(200);
              SignedLedgerHead read = SignedLedgerHead.fromJson(head.body().getBytes());
              assertThat(read).isEqualTo(HEAD);
              assertThat(read.verifiedBy(EcdsaP256Verifier.of(HUB.getPublic()))).isTrue();
              return server.postJson(
                  "admin", "/v1/audit", head.body().toString(StandardCharsets.UTF_8));
            })
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(keptHeads).containsExactly(Optional.of(HEAD));
                }));
  }

  @Test
  void aBodyThatIsNoLedgerHeadIsRefusedBeforeTheAuditRuns(VertxTestContext test) {
    server
        .postJson("admin", "/v1/audit", "{\"sequence\": 3}")
        .onComplete(
            expectError(
                test,
                400,
                "BAD_REQUEST",
                answer -> {
                  assertThat(runs.get()).isZero();
                }));
  }

  @Test
  void aPostWithoutABodyIsRefusedBeforeTheAuditRuns(VertxTestContext test) {
    server
        .send("admin", HttpMethod.POST, "/v1/audit", null, Buffer.buffer())
        .onComplete(
            expectError(
                test,
                400,
                "EMPTY_BODY",
                answer -> {
                  assertThat(runs.get()).isZero();
                }));
  }

  @Test
  void theAuditWithoutABodyKeepsNoHead(VertxTestContext test) {
    server
        .get("admin", "/v1/audit")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).isEqualTo(200);
                  assertThat(keptHeads).containsExactly(Optional.empty());
                }));
  }

  @Test
  void adminReadsTheReportWithEveryFinding(VertxTestContext test) {
    server
        .get("admin", "/v1/audit")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.header("content-type")).isEqualTo("application/json");
                  JsonObject report = answer.json();
                  assertThat(report.getBoolean("clean")).isFalse();
                  assertThat(report.getLong("batches")).isEqualTo(3);
                  assertThat(report.getLong("records")).isEqualTo(10);
                  assertThat(report.getLong("ledgerEntries")).isEqualTo(4);
                  assertThat(report.getLong("tookMillis")).isEqualTo(12);
                  assertThat(report.getLong("findingsOmitted")).isEqualTo(2);
                  JsonArray findings = report.getJsonArray("findings");
                  assertThat(findings).hasSize(2);
                  assertThat(findings.getJsonObject(0).getMap())
                      .containsEntry("code", "RECORD_CHANGED")
                      .containsEntry("batchId", "wt-job/ckpt-1")
                      .containsEntry("record", RECORD)
                      .containsEntry("detail", "leaf hash differs from the anchored tree");
                  JsonObject withoutRecord = findings.getJsonObject(1);
                  assertThat(withoutRecord.containsKey("batchId")).isTrue();
                  assertThat(withoutRecord.getValue("batchId")).isNull();
                  assertThat(withoutRecord.getValue("record")).isNull();
                }));
  }

  @Test
  void cleanAuditHasNoFindings(VertxTestContext test) {
    auditor = kept -> new AuditReport(1, 2, 1, List.of(), 0, Duration.ofMillis(3));
    server
        .get("admin", "/v1/audit")
        .onComplete(
            expect(
                test,
                answer -> {
                  assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                  assertThat(answer.json().getBoolean("clean")).isTrue();
                  assertThat(answer.json().getJsonArray("findings")).isEmpty();
                }));
  }

  @Test
  void insurerMayNotRunAnAudit(VertxTestContext test) {
    server
        .get("insurer-1", "/v1/audit")
        .onComplete(
            expectError(
                test,
                403,
                "FORBIDDEN_ROLE",
                answer -> {
                  assertThat(runs.get()).isZero();
                }));
  }

  @Test
  void unreadableDatabaseIsUnavailable(VertxTestContext test) {
    auditor =
        kept -> {
          throw new SQLException("FATAL: the database system is starting up");
        };
    server
        .get("admin", "/v1/audit")
        .onComplete(
            expectError(
                test,
                503,
                "RECORDS_UNAVAILABLE",
                answer -> {
                  assertThat(answer.errorMessage()).doesNotContain("FATAL");
                  assertThat(answer.header("retry-after")).isEqualTo("1");
                }));
  }

  @Test
  void unreachableLedgerIsUnavailable(VertxTestContext test) {
    auditor =
        kept -> {
          throw new LedgerException("UNAVAILABLE", "peer0 unreachable", true);
        };
    server.get("admin", "/v1/audit").onComplete(expectError(test, 503, "RECORDS_UNAVAILABLE"));
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has EC P-256", e);
    }
  }
}

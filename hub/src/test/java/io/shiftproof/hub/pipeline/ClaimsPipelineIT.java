package io.shiftproof.hub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.gateway.access.AccessLogLeaf;
import io.shiftproof.gateway.api.ApiDescription;
import io.shiftproof.hub.Batches;
import io.shiftproof.hub.TestHub;
import io.shiftproof.hub.TestTls;
import io.shiftproof.hub.openapi.ApiContract;
import io.shiftproof.hub.openapi.ApiContract.Exchange;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.contract.ClaimDecision;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.ledger.decision.InsurerSignature;
import io.shiftproof.ledger.evidence.EvidenceVerifier;
import io.shiftproof.ledger.evidence.VerificationReport;
import io.shiftproof.ledger.identity.OrganisationIdentity;
import io.shiftproof.ledger.identity.Role;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.avro.WorkEventType;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A claim's whole life on a running hub with its embedded job and ledger (docs/design.md §7.4): a
 * worker engaged on two platforms at once is injured; the platform reports; the evidence is frozen,
 * the two platforms share liability, and the claim goes to the insurer whose policies cover them. A
 * late correction makes the frozen evidence stale, a decision on it is refused, new evidence is
 * frozen, the insurer asks for more, decides, and pays; the claim's history names each ledger
 * transaction. A worker on a platform without cover shows the coverage gap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClaimsPipelineIT {
  private static final ZoneId ZONE = WorkingTimeConfig.DEFAULT_ZONE;
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final String TWO_APPS = Batches.workerRef(31_001);
  private static final String UNCOVERED = Batches.workerRef(31_002);
  private static final String CLOCK = Batches.workerRef(31_003);
  private static final String COVER_UP = Batches.workerRef(31_004);
  private static final Instant INCIDENT = at("14:00");

  private static Path dataDir;
  private static TestHub hub;

  /**
   * Every answer of this pipeline, whose day records, evidence, decisions and payments a hub
   * without the job cannot give, checked against the OpenAPI description as it happens.
   */
  private static final ApiContract CONTRACT = ApiContract.of(ApiDescription.read());

  private static final List<String> CONTRACT_PROBLEMS = new CopyOnWriteArrayList<>();

  private static String claimId;
  private static String workerToken;

  @BeforeAll
  static void startHubAndSettleTheDay() throws Exception {
    dataDir = TempDirectories.create("claims");
    // A second insurer, to show that one without a claim sees nothing.
    DevCredentials.ensure(
        dataDir.resolve("credentials"),
        List.of(new OrganisationIdentity("insurer-2", Role.INSURER)));
    hub =
        TestHub.start(
            dataDir,
            Map.of(
                "stream-job.mode", "embedded",
                "stream-job.checkpoint-interval", "PT1S",
                "stream-job.parallelism", "1",
                "kafka.partitions", "1",
                "evidence.seal-wait", "PT45S",
                "gateway.request-timeout", "PT55S"));
    hub.observe(
        (method, path, headers, body, response) ->
            CONTRACT_PROBLEMS.addAll(
                CONTRACT.check(
                    new Exchange(
                        method,
                        path,
                        headers,
                        body,
                        response.statusCode(),
                        response.headers().firstValue("content-type").orElse(""),
                        response.body()))));
    // Both platforms have the worker on an order at 14:00: a driver who also delivers food.
    push("platform-1", "b-p1", session(TWO_APPS, "p1", "13:30", "13:40", "14:20", "14:30"));
    push("platform-2", "b-p2", session(TWO_APPS, "p2", "13:45", "13:50", "14:10", "14:15"));
    push("platform-3", "b-p3", session(UNCOVERED, "p3", "13:00", "13:30", "14:30", "14:40"));
    push("platform-1", "b-cu", session(COVER_UP, "cu", "13:30", "13:40", "14:20", "14:30"));
    // Another worker's traffic past midnight settles the day.
    List<JsonObject> clock = new ArrayList<>();
    clock.add(event(CLOCK, "c-0", "s-clock", WorkEventType.ONLINE, null, at("23:50")));
    for (int minute = 1; minute <= 30; minute++) {
      clock.add(
          event(
              CLOCK,
              "c-" + minute,
              "s-clock",
              WorkEventType.HEARTBEAT,
              null,
              at("23:50").plus(Duration.ofMinutes(minute))));
    }
    push("platform-1", "b-clock", clock);
    awaitVersion(TWO_APPS, 1);
    awaitVersion(UNCOVERED, 1);
    awaitVersion(COVER_UP, 1);

    assertThat(post("insurer-1", "/v1/policies", policy("i1-p1", "platform-1")).statusCode())
        .isEqualTo(200);
    assertThat(post("insurer-1", "/v1/policies", policy("i1-p2", "platform-2")).statusCode())
        .isEqualTo(200);
    assertThat(post("platform-1", "/v1/policies/i1-p1/accept", "").statusCode()).isEqualTo(200);
    assertThat(post("admin", "/v1/policies/i1-p2/accept", "").statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
    TempDirectories.delete(dataDir);
  }

  @Test
  @Order(1)
  void policiesAreOnTheLedger() throws Exception {
    JsonArray policies = ok(hub.get("regulator", "/v1/policies")).getJsonArray("policies");

    assertThat(policies).hasSize(2);
    assertThat(policies.getJsonObject(0).getString("status")).isEqualTo("ACCEPTED");
    assertThat(policies.getJsonObject(1).getString("acceptedBy")).isEqualTo("admin");
  }

  @Test
  @Order(1)
  void anInsurerWithoutAClaimReadsNothingOfTheWorker() throws Exception {
    HttpResponse<String> day = hub.get("insurer-1", dayPath(TWO_APPS, DAY));

    assertThat(day.statusCode()).isEqualTo(403);
    assertThat(errorCode(day)).isEqualTo("NO_CLAIM_FOR_WORKER");
  }

  @Test
  @Order(2)
  void aReportFreezesTheEvidenceSharesLiabilityAndAssignsTheClaim() throws Exception {
    JsonObject claim = ok(post("platform-1", "/v1/claims", report("acc-1", TWO_APPS)));
    claimId = claim.getString("claimId");
    workerToken = claim.getJsonObject("receipt").getString("workerToken");
    assertThat(workerToken).matches("wt_[A-Za-z0-9_-]{43}");

    assertThat(claim.getString("status")).isEqualTo("EVIDENCE_ATTACHED");
    assertThat(claim.getString("category")).isEqualTo("traffic");
    JsonObject support = claim.getJsonObject("decisionSupport");
    assertThat(support.getString("outcome")).isEqualTo("COVERED");
    assertThat(support.getJsonArray("liablePlatforms")).containsExactly("platform-1", "platform-2");
    assertThat(support.getJsonArray("flags")).contains("MULTIPLE_LIABLE");
    assertThat(support.getJsonArray("shares").getJsonObject(0).getInteger("denominator"))
        .isEqualTo(2);
    assertThat(support.getJsonArray("coverageGaps")).isEmpty();
    assertThat(claim.getJsonArray("assignedInsurers")).containsExactly("insurer-1");

    HttpResponse<String> bundle = hub.get("insurer-1", "/v1/claims/" + claimId + "/evidence");
    assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
    byte[] bytes = bundle.body().getBytes(StandardCharsets.UTF_8);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .as("the evidence is stored under its hash")
        .isEqualTo(claim.getString("evidenceHash"));
    VerificationReport report = EvidenceVerifier.verify(bytes, Optional.of(devCa()));
    assertThat(report.firstFailure()).as(report.toString()).isEmpty();
  }

  @Test
  @Order(3)
  void aResendReturnsTheSameClaimAndAReusedReferenceIsRefused() throws Exception {
    JsonObject again = ok(post("platform-1", "/v1/claims", report("acc-1", TWO_APPS)));
    HttpResponse<String> reused = post("platform-1", "/v1/claims", report("acc-1", UNCOVERED));

    assertThat(again.getString("claimId")).isEqualTo(claimId);
    assertThat(again.getJsonObject("receipt").getValue("workerToken"))
        .as("the token is shown once")
        .isNull();
    assertThat(again.getJsonArray("history")).hasSize(2);
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(errorCode(reused)).isEqualTo("REFERENCE_REUSED");
  }

  @Test
  @Order(4)
  void onlyTheClaimsPartiesSeeIt() throws Exception {
    assertThat(hub.get("platform-2", "/v1/claims/" + claimId).statusCode())
        .as("a liable platform")
        .isEqualTo(200);
    HttpResponse<String> other = hub.get("insurer-2", "/v1/claims/" + claimId);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(errorCode(other)).isEqualTo("CLAIM_NOT_FOUND");
    assertThat(hub.get("platform-3", "/v1/claims/" + claimId).statusCode()).isEqualTo(404);
    assertThat(ok(hub.get("insurer-2", "/v1/claims")).getJsonArray("claims")).isEmpty();
    assertThat(ok(hub.get("insurer-1", "/v1/claims")).getJsonArray("claims")).hasSize(1);
  }

  @Test
  @Order(4)
  void theAssignedInsurerReadsTheWindowDaysOnlyAndEachReadIsLoggedOnceWithAProof()
      throws Exception {
    ok(hub.get("insurer-1", dayPath(TWO_APPS, DAY)));
    ok(hub.get("insurer-1", statusPath(TWO_APPS, INCIDENT)));
    HttpResponse<String> outside = hub.get("insurer-1", dayPath(TWO_APPS, DAY.minusDays(1)));
    HttpResponse<String> otherInsurer = hub.get("insurer-2", dayPath(TWO_APPS, DAY));
    HttpResponse<String> otherWorker = hub.get("insurer-1", dayPath(UNCOVERED, DAY));

    assertThat(outside.statusCode()).isEqualTo(403);
    assertThat(errorCode(outside)).isEqualTo("NO_CLAIM_FOR_WORKER");
    assertThat(otherInsurer.statusCode()).isEqualTo(403);
    assertThat(otherWorker.statusCode()).isEqualTo(403);

    List<JsonObject> reads = awaitAnchoredEntries("insurer-1");
    List<String> resources = reads.stream().map(e -> e.getString("resource")).toList();
    assertThat(resources)
        .as("each read exactly once, refused reads not at all")
        .containsExactlyInAnyOrder(
            "evidence of claim " + claimId,
            "day " + DAY,
            "status " + Rfc3339.format(INCIDENT, ZONE));
    try (Ledger ledger = ledger()) {
      for (JsonObject entry : reads) {
        assertThat(entry.getString("claimId")).isEqualTo(claimId);
        AccessLogLeaf leaf =
            new AccessLogLeaf(
                entry.getLong("entryId"),
                entry.getString("workerRef"),
                entry.getString("accessor"),
                entry.getString("role"),
                entry.getString("purpose"),
                Optional.ofNullable(entry.getString("claimId")),
                entry.getString("resource"),
                entry.getString("versions"),
                Rfc3339.parseOrNull(entry.getString("accessedAt")));
        assertThat(leaf.leafHash().toHex()).isEqualTo(entry.getString("leafHash"));
        JsonObject proof = entry.getJsonObject("proof");
        Anchor anchor = ledger.anchor(proof.getString("batchId")).orElseThrow();
        assertThat(anchor.chain()).isEqualTo("shiftproof-access-log");
        InclusionProof inclusion =
            new InclusionProof(
                proof.getLong("leafIndex"),
                proof.getLong("treeSize"),
                proof.getJsonArray("inclusionPath").stream()
                    .map(h -> Hash.fromHex((String) h))
                    .toList());
        assertThat(
                MerkleVerifier.verifyInclusion(
                        leaf.leafHash(), inclusion, Hash.fromHex(anchor.rootHex()))
                    .failure())
            .as("entry %s against the root anchored on the ledger", entry.getLong("entryId"))
            .isEmpty();
      }
    }
  }

  @Test
  @Order(5)
  void aDecisionOnEvidenceMadeStaleByACorrectionIsRefused() throws Exception {
    String frozen = claim().getString("evidenceHash");
    // A late session on a third platform corrects the settled day.
    push(
        "platform-3",
        "b-late",
        List.of(
            event(TWO_APPS, "late-1", "s-late", WorkEventType.ONLINE, null, at("16:00")),
            event(TWO_APPS, "late-2", "s-late", WorkEventType.OFFLINE, null, at("16:05"))));
    // The job applies a late event as the watermark moves on.
    List<JsonObject> later = new ArrayList<>();
    for (int minute = 31; minute <= 45; minute++) {
      later.add(
          event(
              CLOCK,
              "c-" + minute,
              "s-clock",
              WorkEventType.HEARTBEAT,
              null,
              at("23:50").plus(Duration.ofMinutes(minute))));
    }
    push("platform-1", "b-clock-2", later);
    awaitVersion(TWO_APPS, 2);

    HttpResponse<String> stale = decide("insurer-1", Decision.APPROVED, frozen, Instant.now());

    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
    assertThat(errorCode(stale)).isEqualTo("STALE_EVIDENCE");
  }

  @Test
  @Order(6)
  void aForgedSignatureAndAnUnassignedInsurerAreRefused() throws Exception {
    String evidence =
        ok(post("insurer-1", "/v1/claims/" + claimId + "/evidence", "")).getString("evidenceHash");
    ClaimDecision decision = decision(Decision.APPROVED, evidence, Instant.now());
    SignedDecision byPlatform = signer("platform-1").sign(decision);

    HttpResponse<String> forged = post("insurer-1", decisionPath(), body(byPlatform));
    HttpResponse<String> unassigned =
        decide("insurer-2", Decision.APPROVED, evidence, Instant.now());

    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
    assertThat(errorCode(forged)).isEqualTo("SIGNATURE_INVALID");
    assertThat(unassigned.statusCode()).isEqualTo(404);
  }

  @Test
  @Order(7)
  void needsInfoNewEvidenceApprovalAndPaymentEachLandOnTheLedger() throws Exception {
    String evidence = claim().getString("evidenceHash");
    JsonObject needsInfo = ok(decide("insurer-1", Decision.NEEDS_INFO, evidence, Instant.now()));
    assertThat(needsInfo.getJsonObject("decision").getString("decision")).isEqualTo("NEEDS_INFO");
    HttpResponse<String> early = post("insurer-1", paymentPath(), payment());
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(errorCode(early)).isEqualTo("INVALID_TRANSITION");

    String refrozen =
        ok(post("insurer-1", "/v1/claims/" + claimId + "/evidence", "")).getString("evidenceHash");
    ok(decide("insurer-1", Decision.APPROVED, refrozen, Instant.now()));
    JsonObject paid = ok(post("insurer-1", paymentPath(), payment()));

    assertThat(paid.getString("status")).isEqualTo("PAID");
    assertThat(paid.getJsonArray("changedAfterReport"))
        .as("the late session, flagged with the platform that sent it")
        .singleElement()
        .satisfies(change -> assertGrew((JsonObject) change, "platform-3"));
    assertThat(paid.getJsonObject("payment").getLong("amountFen")).isEqualTo(150_000L);
    JsonArray history = paid.getJsonArray("history");
    List<String> steps = new ArrayList<>();
    List<String> txIds = new ArrayList<>();
    for (Object step : history) {
      JsonObject s = (JsonObject) step;
      steps.add(
          s.getString("status")
              + (s.getString("decision") == null ? "" : "/" + s.getString("decision")));
      txIds.add(s.getJsonObject("ledger").getString("txId"));
    }
    assertThat(steps)
        .containsExactly(
            "REPORTED",
            "EVIDENCE_ATTACHED",
            "EVIDENCE_ATTACHED",
            "DECIDED/NEEDS_INFO",
            "EVIDENCE_ATTACHED",
            "DECIDED/APPROVED",
            "PAID/APPROVED");
    assertThat(txIds).doesNotHaveDuplicates();
    SignedDecision kept =
        new SignedDecision(
            decision(
                Decision.APPROVED,
                refrozen,
                Rfc3339.parseOrNull(paid.getJsonObject("decision").getString("signedAt"))),
            paid.getJsonObject("decision").getString("signature"),
            paid.getJsonObject("decision").getString("signerCertificate"));
    assertThat(kept.signerCertificate())
        .as("the decision carries the insurer's own certificate")
        .isEqualTo(InsurerSignature.base64(certificate("insurer-1")));
  }

  @Test
  @Order(8)
  void aPaidClaimNoLongerOpensTheWorkersData() throws Exception {
    HttpResponse<String> after = hub.get("insurer-1", dayPath(TWO_APPS, DAY));

    assertThat(after.statusCode()).isEqualTo(403);
    assertThat(errorCode(after)).isEqualTo("NO_CLAIM_FOR_WORKER");
  }

  @Test
  @Order(9)
  void aLateOfflineSentAfterTheReportIsFlaggedBesideTheEvidenceKnownAtTheReport() throws Exception {
    JsonObject reported = ok(post("platform-1", "/v1/claims", report("acc-cover-up", COVER_UP)));
    String id = reported.getString("claimId");
    String atReport = reported.getString("evidenceHash");
    assertThat(reported.getJsonObject("decisionSupport").getString("outcome")).isEqualTo("COVERED");

    // After the accident the platform says the worker had logged off before it.
    push(
        "platform-1",
        "b-cover-up",
        List.of(event(COVER_UP, "cu-late-off", "s-cu", WorkEventType.OFFLINE, null, at("13:55"))));
    // The correction is sealed once the watermark moves on.
    List<JsonObject> later = new ArrayList<>();
    for (int minute = 46; minute <= 60; minute++) {
      later.add(
          event(
              CLOCK,
              "c-" + minute,
              "s-clock",
              WorkEventType.HEARTBEAT,
              null,
              at("23:50").plus(Duration.ofMinutes(minute))));
    }
    push("platform-1", "b-clock-3", later);
    awaitVersion(COVER_UP, 2);
    JsonObject refrozen = ok(post("platform-1", "/v1/claims/" + id + "/evidence", ""));

    JsonObject support = refrozen.getJsonObject("decisionSupport");
    assertThat(support.getString("outcome")).as(support.encode()).isNotEqualTo("COVERED");
    assertThat(support.getJsonArray("flags"))
        .contains("CHANGED_AFTER_REPORT", "OUTCOME_CHANGED_AFTER_REPORT");
    assertThat(support.getJsonObject("atReport").getString("outcome")).isEqualTo("COVERED");
    assertThat(support.getJsonObject("atReport").getString("evidenceHash")).isEqualTo(atReport);
    JsonArray changed = support.getJsonArray("changedAfterReport");
    assertThat(changed).singleElement().satisfies(c -> assertGrew((JsonObject) c, "platform-1"));
    assertThat(refrozen.getJsonArray("changedAfterReport")).isEqualTo(changed);
    assertThat(refrozen.getJsonObject("evidenceAtReport").getString("evidenceHash"))
        .isEqualTo(atReport);
    assertThat(refrozen.getJsonObject("evidenceAtReport").getString("outcome"))
        .isEqualTo("COVERED");

    // The evidence frozen at the report stays with the claim, and still verifies.
    HttpResponse<String> first =
        hub.get("platform-1", "/v1/claims/" + id + "/evidence?hash=" + atReport);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    byte[] bytes = first.body().getBytes(StandardCharsets.UTF_8);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo(atReport);
    VerificationReport report = EvidenceVerifier.verify(bytes, Optional.of(devCa()));
    assertThat(report.firstFailure()).as(report.toString()).isEmpty();
    // No other bundle is served through this claim.
    HttpResponse<String> other =
        hub.get("platform-1", "/v1/claims/" + id + "/evidence?hash=" + "ab".repeat(32));
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(errorCode(other)).isEqualTo("EVIDENCE_NOT_FOUND");
  }

  @Test
  @Order(9)
  void aWorkerOnAnUncoveredPlatformShowsTheCoverageGap() throws Exception {
    JsonObject claim = ok(post("platform-3", "/v1/claims", report("acc-9", UNCOVERED)));

    JsonObject support = claim.getJsonObject("decisionSupport");
    assertThat(support.getJsonArray("liablePlatforms")).containsExactly("platform-3");
    assertThat(support.getJsonArray("coverageGaps")).containsExactly("platform-3");
    assertThat(support.getJsonArray("flags")).contains("COVERAGE_GAP", "NO_INSURER");
    assertThat(claim.getJsonArray("assignedInsurers")).isEmpty();
    assertThat(hub.get("insurer-1", "/v1/claims/" + claim.getString("claimId")).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(10)
  void theWorkerSeesOnlyTheirOwnDaysClaimsEvidenceAndWhoReadThem() throws Exception {
    JsonObject own = ok(worker(workerToken, "/v1/me/claims/" + claimId));
    JsonObject day = ok(worker(workerToken, "/v1/me/days/" + DAY));
    HttpResponse<String> bundle = worker(workerToken, "/v1/me/claims/" + claimId + "/evidence");
    JsonArray mine = ok(worker(workerToken, "/v1/me/claims")).getJsonArray("claims");
    String otherClaim =
        ok(hub.get("admin", "/v1/claims")).getJsonArray("claims").stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("workerRef").equals(UNCOVERED))
            .findFirst()
            .orElseThrow()
            .getString("claimId");
    HttpResponse<String> another = worker(workerToken, "/v1/me/claims/" + otherClaim);
    List<JsonObject> log = new ArrayList<>();
    for (Object e : ok(worker(workerToken, "/v1/me/access-log")).getJsonArray("entries")) {
      log.add((JsonObject) e);
    }

    assertThat(own.getString("status")).isEqualTo("PAID");
    assertThat(day.getString("workerRef")).isEqualTo(TWO_APPS);
    assertThat(day.getJsonObject("proof")).isNotNull();
    assertThat(
            EvidenceVerifier.verify(
                    bundle.body().getBytes(StandardCharsets.UTF_8), Optional.of(devCa()))
                .firstFailure())
        .isEmpty();
    assertThat(mine).hasSize(1);
    assertThat(another.statusCode()).isEqualTo(404);
    assertThat(log).isNotEmpty().allMatch(e -> e.getString("workerRef").equals(TWO_APPS));
    assertThat(log).anyMatch(e -> e.getString("accessor").equals("insurer-1"));
  }

  @Test
  @Order(10)
  void theWorkerRequestsFreshEvidenceForAnIncidentThemselves() throws Exception {
    HttpResponse<String> bundle =
        worker(
            workerToken,
            "/v1/me/evidence",
            new JsonObject().put("incidentAt", Rfc3339.format(INCIDENT, ZONE)).encode());
    HttpResponse<String> bad = worker(workerToken, "/v1/me/evidence", "{\"incidentAt\": 7}");

    assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
    assertThat(new JsonObject(bundle.body()).getString("workerRef")).isEqualTo(TWO_APPS);
    assertThat(
            EvidenceVerifier.verify(
                    bundle.body().getBytes(StandardCharsets.UTF_8), Optional.of(devCa()))
                .firstFailure())
        .isEmpty();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(errorCode(bad)).isEqualTo("INVALID_INSTANT");
  }

  @Test
  @Order(11)
  void platformsIssueAndRevokeTokensForTheirOwnWorkersOnly() throws Exception {
    JsonObject issued =
        ok(post("platform-2", "/v1/worker-tokens", "{\"workerRef\": \"" + TWO_APPS + "\"}"));
    String token = issued.getString("workerToken");
    HttpResponse<String> stranger =
        post("platform-2", "/v1/worker-tokens", "{\"workerRef\": \"" + CLOCK + "\"}");
    assertThat(ok(worker(token, "/v1/me/claims")).getJsonArray("claims")).hasSize(1);

    HttpResponse<String> byOther =
        post("platform-1", "/v1/worker-tokens/revoke", "{\"workerToken\": \"" + token + "\"}");
    JsonObject revoked =
        ok(post("platform-2", "/v1/worker-tokens/revoke", "{\"workerToken\": \"" + token + "\"}"));
    HttpResponse<String> after = worker(token, "/v1/me/claims");
    HttpResponse<String> none = worker(null, "/v1/me/claims");

    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(errorCode(stranger)).isEqualTo("NOT_PERMITTED");
    assertThat(new JsonObject(byOther.body()).getBoolean("revoked")).isFalse();
    assertThat(revoked.getBoolean("revoked")).isTrue();
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(errorCode(after)).isEqualTo("INVALID_TOKEN");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(errorCode(none)).isEqualTo("INVALID_TOKEN");
  }

  @Test
  @Order(12)
  void regulatorsSeeAggregatesWithSmallCellsSuppressed() throws Exception {
    JsonObject time = ok(hub.get("regulator", "/v1/stats/working-time?from=" + DAY + "&to=" + DAY));
    JsonObject claims = ok(hub.get("regulator", "/v1/stats/claims?from=" + DAY + "&to=" + DAY));
    HttpResponse<String> backwards =
        hub.get("regulator", "/v1/stats/claims?from=" + DAY + "&to=" + DAY.minusDays(1));

    assertThat(time.getJsonArray("cells")).isNotEmpty();
    assertThat(claims.getJsonArray("cells")).isNotEmpty();
    for (Object cell : time.getJsonArray("cells").addAll(claims.getJsonArray("cells"))) {
      JsonObject c = (JsonObject) cell;
      assertThat(c.getBoolean("suppressed")).as(c.encode()).isTrue();
      assertThat(c.fieldNames()).containsExactlyInAnyOrder("platform", "day", "suppressed");
    }
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(errorCode(backwards)).isEqualTo("INVALID_DATE");
    assertThat(hub.get("insurer-1", "/v1/stats/claims?from=" + DAY + "&to=" + DAY).statusCode())
        .isEqualTo(403);
  }

  @Test
  @Order(13)
  void everyAnswerOfThePipelineIsTheOneTheApiDescriptionDescribes() {
    assertThat(CONTRACT_PROBLEMS).isEmpty();
  }

  /** A worker's POST of a JSON body. */
  private static HttpResponse<String> worker(String token, String path, String json)
      throws Exception {
    return send(
        token,
        HttpRequest.newBuilder(hub.hub().apiUrl().resolve(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A worker's request: no client certificate, the token as a bearer token. */
  private static HttpResponse<String> worker(String token, String path) throws Exception {
    return send(token, HttpRequest.newBuilder(hub.hub().apiUrl().resolve(path)).GET());
  }

  private static HttpResponse<String> send(String token, HttpRequest.Builder request)
      throws Exception {
    HttpClient anonymous =
        HttpClient.newBuilder()
            .sslContext(TestTls.context(null, devCa()))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    request.timeout(Duration.ofSeconds(60));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return anonymous.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The access-log entries of an accessor, once every one of them is anchored. */
  private static List<JsonObject> awaitAnchoredEntries(String accessor) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<JsonObject> entries = new ArrayList<>();
      for (Object item : ok(hub.get("admin", "/v1/access-log")).getJsonArray("entries")) {
        JsonObject entry = (JsonObject) item;
        if (entry.getString("accessor").equals(accessor)) {
          entries.add(entry);
        }
      }
      if (entries.stream().allMatch(e -> e.getValue("proof") != null)
          || System.nanoTime() > deadline) {
        return entries;
      }
      Thread.sleep(500);
    }
  }

  private static Ledger ledger() {
    DevCredentials credentials =
        DevCredentials.ensure(hub.hub().credentialsDir(), DevCredentials.STANDARD_ORGANISATIONS);
    var postgres = hub.hub().postgres();
    return Ledgers.endpoint(
            LedgerKind.POSTGRES,
            new LedgerSettings(
                postgres.url().orElseThrow(),
                postgres.user(),
                postgres.password(),
                credentials.serverKey().toString()))
        .connect();
  }

  private static String dayPath(String worker, LocalDate day) {
    return "/v1/workers/" + worker + "/days/" + day;
  }

  private static String statusPath(String worker, Instant at) {
    return "/v1/workers/"
        + worker
        + "/status?at="
        + java.net.URLEncoder.encode(Rfc3339.format(at, ZONE), StandardCharsets.UTF_8);
  }

  private static JsonObject claim() throws Exception {
    return ok(hub.get("insurer-1", "/v1/claims/" + claimId));
  }

  private static HttpResponse<String> decide(
      String insurer, Decision outcome, String evidence, Instant signedAt) throws Exception {
    return post(
        insurer,
        decisionPath(),
        body(signer(insurer).sign(decision(outcome, evidence, signedAt, insurer))));
  }

  private static ClaimDecision decision(Decision outcome, String evidence, Instant signedAt) {
    return decision(outcome, evidence, signedAt, "insurer-1");
  }

  private static ClaimDecision decision(
      Decision outcome, String evidence, Instant signedAt, String insurer) {
    return new ClaimDecision(
        claimId,
        outcome,
        evidence,
        "cn-pilot-2022",
        List.of("engaged on two platforms at the incident"),
        insurer,
        signedAt);
  }

  private static String body(SignedDecision signed) {
    return new JsonObject()
        .put("decision", signed.decision().decision().name())
        .put("evidenceHash", signed.decision().evidenceHash())
        .put("ruleVersion", signed.decision().ruleVersion())
        .put("reasons", new JsonArray(signed.decision().reasons()))
        .put("signedAt", Rfc3339.format(signed.decision().signedAt(), ZONE))
        .put("signature", signed.signature())
        .encode();
  }

  private static InsurerSignature signer(String organisation) {
    Path dir = hub.hub().credentialsDir().resolve(organisation);
    return new InsurerSignature(PemKeys.signer(dir.resolve("key.pem")), certificate(organisation));
  }

  private static X509Certificate certificate(String organisation) {
    return TlsContexts.loadCertificate(
        hub.hub().credentialsDir().resolve(organisation).resolve("cert.pem"));
  }

  private static X509Certificate devCa() {
    return TlsContexts.loadCertificate(hub.hub().credentialsDir().resolve("ca.pem"));
  }

  private static String decisionPath() {
    return "/v1/claims/" + claimId + "/decision";
  }

  private static String paymentPath() {
    return "/v1/claims/" + claimId + "/payment";
  }

  private static String payment() {
    return new JsonObject().put("paymentRef", "pay-1").put("amountFen", 150_000).encode();
  }

  private static String report(String reference, String worker) {
    return new JsonObject()
        .put("reference", reference)
        .put("workerRef", worker)
        .put("incidentAt", Rfc3339.format(INCIDENT, ZONE))
        .put("cell", "wt3mf")
        .put("category", "traffic")
        .encode();
  }

  private static String policy(String id, String platform) {
    return new JsonObject()
        .put("policyId", id)
        .put("platform", platform)
        .put("validFrom", "2026-01-01T00:00:00+08:00")
        .put("validTo", "2027-01-01T00:00:00+08:00")
        .put("premiumPerOrderFen", 7)
        .encode();
  }

  /**
   * A session with one order: online, assigned, started five minutes later, completed, offline,
   * with heartbeats every four minutes so that it never falls silent.
   */
  private static List<JsonObject> session(
      String worker,
      String prefix,
      String online,
      String assigned,
      String completed,
      String offline) {
    String s = "s-" + prefix;
    String order = "order-" + prefix;
    List<JsonObject> events = new ArrayList<>();
    events.add(event(worker, prefix + "-on", s, WorkEventType.ONLINE, null, at(online)));
    events.add(event(worker, prefix + "-as", s, WorkEventType.TASK_ASSIGNED, order, at(assigned)));
    events.add(
        event(
            worker,
            prefix + "-st",
            s,
            WorkEventType.TASK_STARTED,
            order,
            at(assigned).plusSeconds(300)));
    events.add(
        event(worker, prefix + "-co", s, WorkEventType.TASK_COMPLETED, order, at(completed)));
    events.add(event(worker, prefix + "-off", s, WorkEventType.OFFLINE, null, at(offline)));
    int beat = 0;
    for (Instant t = at(online).plusSeconds(240); t.isBefore(at(offline)); t = t.plusSeconds(240)) {
      events.add(event(worker, prefix + "-hb" + beat++, s, WorkEventType.HEARTBEAT, null, t));
    }
    return events;
  }

  private static JsonObject event(
      String worker, String eventId, String session, WorkEventType type, String task, Instant at) {
    JsonObject event =
        new JsonObject()
            .put("eventId", eventId)
            .put("workerRef", worker)
            .put("sessionId", session)
            .put("type", type.name())
            .put("occurredAt", Rfc3339.format(at, ZONE));
    if (task != null) {
      event.put("taskRef", task);
    }
    return event;
  }

  private static void push(String platform, String batchId, List<JsonObject> events)
      throws Exception {
    HttpResponse<String> pushed =
        hub.postEvents(
            platform,
            "application/json",
            Batches.batch(batchId, events.stream().map(JsonObject::encode).toList())
                .getBytes(StandardCharsets.UTF_8));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
  }

  /** Waits until the day's latest sealed version is at least {@code version}. */
  private static void awaitVersion(String worker, int version) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> day = hub.get("admin", "/v1/workers/" + worker + "/days/" + DAY);
      last = day.body();
      if (day.statusCode() == 200 && new JsonObject(day.body()).getInteger("version") >= version) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("version " + version + " of " + worker + " never sealed: " + last);
  }

  private static HttpResponse<String> post(String organisation, String path, String json)
      throws Exception {
    return hub.post(organisation, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static String errorCode(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonObject("error").getString("code");
  }

  private static Instant at(String localTime) {
    return DAY.atTime(LocalTime.parse(localTime)).atZone(ZONE).toInstant();
  }

  /** A change after the report: the platform's events behind the window grew, on some day. */
  private static void assertGrew(JsonObject change, String platform) {
    assertThat(change.getString("platform")).isEqualTo(platform);
    assertThat(change.getJsonArray("days")).isNotEmpty();
    assertThat(change.getLong("eventsNow")).isGreaterThan(change.getLong("eventsAtReport"));
  }
}

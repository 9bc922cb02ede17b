package io.shiftproof.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftproof.cli.ShiftproofCli;
import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.hub.Batches;
import io.shiftproof.hub.TestHub;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.contract.Anchor;
import io.shiftproof.ledger.evidence.EvidenceVerifier;
import io.shiftproof.ledger.evidence.VerificationReport;
import io.shiftproof.ledger.merkle.Hash;
import io.shiftproof.ledger.merkle.InclusionProof;
import io.shiftproof.ledger.merkle.MerkleVerifier;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.simulator.FaultProfile;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.worktime.WorkingTimeConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Trust end to end on a running hub with its embedded job and ledger (docs/design.md §6): every
 * sealed version an insurer reads carries a proof that leads to the ledger's anchor; an evidence
 * bundle verifies offline against the development CA; the audit is clean, and names a record
 * changed in PostgreSQL behind the hub's back.
 */
class TrustPipelineIT {
  private static Path dataDir;
  private static TestHub hub;
  private static LocalDate day;
  private static final List<String> workers = new ArrayList<>();

  @BeforeAll
  static void startHubAndProcessADay() throws Exception {
    dataDir = TempDirectories.create("trust");
    hub =
        TestHub.start(
            dataDir,
            Map.of(
                "stream-job.mode", "embedded",
                "stream-job.checkpoint-interval", "PT1S",
                "stream-job.parallelism", "2",
                // An interim version passes through Kafka, the job, a checkpoint and the ledger;
                // a loaded 2-core machine gets more than the default 20 s for that.
                "evidence.seal-wait", "PT45S",
                "gateway.request-timeout", "PT55S"));
    SimulationConfig simulation =
        SimulationConfig.builder()
            .seed(9)
            .workers(30)
            .platforms(3)
            .days(1)
            .faults(FaultProfile.none().withLateEvents(0.02, Duration.ofMinutes(30)))
            .build();
    assertThat(hub.push(simulation).failures()).isEmpty();
    Instant newest = Instant.MIN;
    Set<String> refs = new LinkedHashSet<>();
    for (RecordedEvent e :
        Simulation.generate(simulation).flatMap(b -> b.recorded().stream()).toList()) {
      refs.add(e.event().workerRef());
      newest = newest.isAfter(e.event().occurredAt()) ? newest : e.event().occurredAt();
    }
    workers.addAll(refs);
    day = simulation.startDate();
    hub.awaitProcessed(newest);
  }

  @AfterAll
  static void stopHub() {
    hub.close();
    TempDirectories.delete(dataDir);
  }

  @Test
  void everySealedDayAndStatusCarriesAProofThatLeadsToTheLedgersAnchor() throws Exception {
    int proven = 0;
    try (Ledger ledger = ledger()) {
      for (String worker : workers) {
        HttpResponse<String> response = hub.get("admin", dayPath(worker));
        if (response.statusCode() == 404) {
          continue; // no events that day
        }
        JsonObject record = new JsonObject(response.body());
        if (record.getInteger("version") == 0) {
          assertThat(record.getValue("proof")).as("a live record has no proof").isNull();
          continue;
        }
        JsonObject proof = record.getJsonObject("proof");
        JsonObject anchorJson = proof.getJsonObject("anchor");
        Anchor anchor = ledger.anchor(anchorJson.getString("batchId")).orElseThrow();
        assertThat(proof.getString("root")).isEqualTo(anchor.rootHex());
        assertThat(anchorJson.getJsonObject("ledger").getString("txId")).isEqualTo(anchor.txId());
        InclusionProof inclusion =
            new InclusionProof(
                proof.getLong("leafIndex"),
                proof.getLong("treeSize"),
                proof.getJsonArray("inclusionPath").stream()
                    .map(h -> Hash.fromHex((String) h))
                    .toList());
        assertThat(
                MerkleVerifier.verifyInclusion(
                        Hash.fromHex(proof.getString("leafHash")),
                        inclusion,
                        Hash.fromHex(anchor.rootHex()))
                    .failure())
            .as(worker)
            .isEmpty();
        JsonObject firstSegment = record.getJsonArray("segments").getJsonObject(0);
        JsonObject status =
            new JsonObject(
                hub.get(
                        "admin",
                        "/v1/workers/"
                            + worker
                            + "/status?at="
                            + URLEncoder.encode(
                                firstSegment.getString("from"), StandardCharsets.UTF_8))
                    .body());
        assertThat(status.getJsonObject("proof").getString("leafHash"))
            .as("the status answer proves the version it came from")
            .isEqualTo(proof.getString("leafHash"));
        proven++;
      }
    }
    assertThat(proven).as("sealed days proven").isGreaterThan(10);
  }

  @Test
  void anEvidenceBundleVerifiesOfflineAndEachRequestIsInTheAccessLog() throws Exception {
    String worker = sealedWorker();
    JsonObject record = new JsonObject(hub.get("admin", dayPath(worker)).body());
    JsonObject engaged = null;
    for (Object item : record.getJsonArray("segments")) {
      JsonObject segment = (JsonObject) item;
      if (!segment.getJsonArray("engagedPlatforms").isEmpty()) {
        engaged = segment;
        break;
      }
    }
    assertThat(engaged).as("an engaged segment of " + worker).isNotNull();
    Instant from = Rfc3339.parseOrNull(engaged.getString("from"));
    Instant to = Rfc3339.parseOrNull(engaged.getString("to"));
    Instant incident = from.plus(Duration.between(from, to).dividedBy(2));
    long logged = countEntries("LogAccess");

    HttpResponse<String> response = requestEvidence("admin", worker, incident);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    byte[] bundle = response.body().getBytes(StandardCharsets.UTF_8);
    VerificationReport report = EvidenceVerifier.verify(bundle, Optional.of(devCa()));
    assertThat(report.firstFailure()).as(report.toString()).isEmpty();
    JsonObject coverage = new JsonObject(response.body()).getJsonObject("coverage");
    assertThat(coverage.getString("outcome")).isEqualTo("COVERED");
    assertThat(coverage.getJsonArray("liablePlatforms"))
        .isEqualTo(engaged.getJsonArray("engagedPlatforms"));
    assertThat(countEntries("LogAccess")).as("the request is logged").isEqualTo(logged + 1);
    // Bound to who asked and when, as the ledger's access log recorded it.
    JsonObject asked = new JsonObject(response.body()).getJsonObject("request");
    assertThat(asked.getString("requester")).isEqualTo("admin");
    assertThat(asked.getValue("claimId")).isNull();
    assertThat(
            asked
                .getJsonObject("accessLog")
                .getJsonObject("attestation")
                .getJsonObject("entry")
                .getString("function"))
        .isEqualTo("LogAccess");
    assertThat(report.checks())
        .anySatisfy(
            check -> {
              assertThat(check.name()).isEqualTo("request.accessLog");
              assertThat(check.passed()).isTrue();
            });

    // The same bundle with one byte of a record changed is caught offline.
    JsonObject tampered = new JsonObject(response.body());
    JsonObject first = tampered.getJsonArray("records").getJsonObject(0);
    byte[] recordBytes = java.util.Base64.getDecoder().decode(first.getString("recordBase64"));
    recordBytes[recordBytes.length - 1] ^= 1;
    first.put("recordBase64", java.util.Base64.getEncoder().encodeToString(recordBytes));
    VerificationReport caught =
        EvidenceVerifier.verify(
            tampered.encode().getBytes(StandardCharsets.UTF_8), Optional.of(devCa()));
    // Caught by the record's own checks, before the hub's signature over the whole bundle.
    assertThat(caught.firstFailure().map(VerificationReport.Check::name))
        .as(caught.toString())
        .hasValueSatisfying(name -> assertThat(name).startsWith("records[0]."));
  }

  @Test
  void evidenceForADayNotSettledYetComesFromAnInterimVersionSealedOnRequest() throws Exception {
    String worker = Batches.workerRef(777_001);
    LocalDate open = day.plusDays(1);
    List<String> events = new ArrayList<>();
    String[][] timeline = {
      {"ONLINE", null, "08:00"},
      {"TASK_ASSIGNED", "order-1", "08:02"},
      {"TASK_STARTED", "order-1", "08:05"},
      {"HEARTBEAT", null, "08:09"},
      {"HEARTBEAT", null, "08:13"},
      {"HEARTBEAT", null, "08:17"},
      {"HEARTBEAT", null, "08:21"}
    };
    for (int i = 0; i < timeline.length; i++) {
      JsonObject event =
          new JsonObject()
              .put("eventId", "interim-" + i)
              .put("workerRef", worker)
              .put("sessionId", "s-interim")
              .put("type", timeline[i][0])
              .put("occurredAt", open + "T" + timeline[i][2] + ":00+08:00");
      if (timeline[i][1] != null) {
        event.put("taskRef", timeline[i][1]);
      }
      events.add(event.encode());
    }
    HttpResponse<String> pushed =
        hub.postEvents(
            "platform-1",
            "application/json",
            Batches.batch("b-interim", events).getBytes(StandardCharsets.UTF_8));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
    Instant incident = Rfc3339.parseOrNull(open + "T08:10:00+08:00");
    awaitLiveRecordCovering(worker, open, incident.plus(Duration.ofMinutes(3)));

    HttpResponse<String> response = requestEvidence("admin", worker, incident);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    VerificationReport report =
        EvidenceVerifier.verify(
            response.body().getBytes(StandardCharsets.UTF_8), Optional.of(devCa()));
    assertThat(report.firstFailure()).as(report.toString()).isEmpty();
    JsonObject bundle = new JsonObject(response.body());
    JsonObject record = bundle.getJsonArray("records").getJsonObject(0).getJsonObject("record");
    assertThat(record.getBoolean("provisional")).as("an interim version").isTrue();
    assertThat(bundle.getJsonObject("coverage").getString("outcome")).isEqualTo("COVERED");
    assertThat(bundle.getJsonObject("coverage").getJsonArray("liablePlatforms"))
        .containsExactly("platform-1");
    JsonObject version =
        new JsonObject(
            hub.get("admin", dayPath(worker, open) + "?version=" + record.getInteger("version"))
                .body());
    assertThat(version.getJsonObject("sealed").getString("reason")).isEqualTo("INTERIM");
    assertThat(version.getValue("proof")).as("anchored, with its proof").isNotNull();
  }

  private static void awaitLiveRecordCovering(String worker, LocalDate open, Instant until)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    String coveredUntil = "nothing";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = hub.get("admin", dayPath(worker, open));
      if (response.statusCode() == 200) {
        coveredUntil = new JsonObject(response.body()).getString("coveredUntil");
        if (!Rfc3339.parseOrNull(coveredUntil).isBefore(until)) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the live record of " + open + " covers only " + coveredUntil);
  }

  @Test
  void evidenceRequestsAreValidatedAndRefusedWithStableCodes() throws Exception {
    String worker = sealedWorker();
    Instant noon = day.atTime(12, 0).atZone(WorkingTimeConfig.DEFAULT_ZONE).toInstant();
    assertThat(requestEvidence("platform-1", worker, noon).statusCode()).isEqualTo(403);
    assertCode(
        hub.post("admin", "/v1/evidence", "application/json", new byte[0]), 400, "EMPTY_BODY");
    assertCode(
        hub.post(
            "admin",
            "/v1/evidence",
            "application/json",
            "{\"workerRef\":\"wr_short\",\"incidentAt\":\"2026-11-28T12:00:00+08:00\"}"
                .getBytes(StandardCharsets.UTF_8)),
        400,
        "INVALID_WORKER_REF");
    assertCode(
        hub.post(
            "admin",
            "/v1/evidence",
            "application/json",
            ("{\"workerRef\":\"" + worker + "\",\"incidentAt\":\"yesterday\"}")
                .getBytes(StandardCharsets.UTF_8)),
        400,
        "INVALID_INSTANT");
    assertCode(
        requestEvidence("admin", worker, noon.minus(Duration.ofDays(30))), 404, "DAY_NOT_FOUND");
  }

  @Test
  void theAuditIsCleanAndNamesARecordChangedAfterItWasAnchored() throws Exception {
    assertThat(hub.get("regulator", "/v1/audit").statusCode()).isEqualTo(403);
    // The job may still commit a version (a late correction, an interim seal) while the audit
    // runs; an audit bracketed by two equal counts saw exactly the stored versions.
    JsonObject clean;
    long before;
    long after;
    int attempts = 0;
    try (Connection c = hub.connectDatabase()) {
      do {
        before = count(c, "day_record_version");
        clean = new JsonObject(hub.get("admin", "/v1/audit").body());
        after = count(c, "day_record_version");
      } while (before != after && ++attempts < 10);
    }
    assertThat(clean.getBoolean("clean")).as(clean.encodePrettily()).isTrue();
    assertThat(clean.getLong("batches")).isPositive();
    assertThat(clean.getLong("ledgerEntries")).isGreaterThanOrEqualTo(clean.getLong("batches"));
    assertThat(after).as("versions stored while the audit ran").isEqualTo(before);
    assertThat(clean.getLong("records")).isEqualTo(after);

    String changed;
    try (Connection c = hub.connectDatabase();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT worker_ref, day, version FROM day_record_version"
                    + " ORDER BY worker_ref, day, version LIMIT 1")) {
      r.next();
      changed = r.getString(1) + "/" + r.getObject(2) + "/v" + r.getInt(3);
      try (PreparedStatement p =
          c.prepareStatement(
              "UPDATE day_record_version SET record = record || '\\x00'::bytea"
                  + " WHERE worker_ref = ? AND day = ? AND version = ?")) {
        p.setString(1, r.getString(1));
        p.setObject(2, r.getObject(2));
        p.setInt(3, r.getInt(3));
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
    }
    JsonObject found = new JsonObject(hub.get("admin", "/v1/audit").body());
    try {
      assertThat(found.getBoolean("clean")).isFalse();
      JsonArray findings = found.getJsonArray("findings");
      assertThat(findings).hasSize(1);
      assertThat(findings.getJsonObject(0).getString("code")).isEqualTo("RECORD_CHANGED");
      assertThat(findings.getJsonObject(0).getString("record")).isEqualTo(changed);
      // The command an operator runs says the same and exits 1.
      StringWriter out = new StringWriter();
      CommandLine cli = ShiftproofCli.commandLine();
      cli.setOut(new PrintWriter(out, true));
      int exit =
          cli.execute(
              "audit", "--as", "admin", "--data-dir=" + dataDir, "--url=" + hub.hub().apiUrl());
      assertThat(exit).as(out.toString()).isEqualTo(ShiftproofCli.EXIT_REFUSED);
      assertThat(out.toString())
          .contains("RECORD_CHANGED")
          .contains("record " + changed)
          .contains("FINDINGS:");
    } finally {
      try (Connection c = hub.connectDatabase();
          Statement s = c.createStatement()) {
        s.execute(
            "UPDATE day_record_version SET record = substring(record FROM 1 FOR length(record) - 1)"
                + " WHERE worker_ref || '/' || day || '/v' || version = '"
                + changed
                + "'");
      }
    }
    assertThat(new JsonObject(hub.get("admin", "/v1/audit").body()).getBoolean("clean"))
        .as("clean again once the row is restored")
        .isTrue();
  }

  @Test
  void aKeptLedgerHeadChecksOutInTheAuditAndAgainstALaterBundle() throws Exception {
    HttpResponse<String> headAnswer = hub.get("insurer-1", "/v1/ledger/head");
    assertThat(headAnswer.statusCode()).as(headAnswer.body()).isEqualTo(200);
    Path head = dataDir.resolve("kept-head.json");
    java.nio.file.Files.writeString(head, headAnswer.body());
    String worker = sealedWorker();
    Instant noon = day.atTime(12, 0).atZone(WorkingTimeConfig.DEFAULT_ZONE).toInstant();
    // An admin asks: an insurer reads a worker's evidence only for a claim assigned to it.
    HttpResponse<String> evidence = requestEvidence("admin", worker, noon);
    assertThat(evidence.statusCode()).as(evidence.body()).isEqualTo(200);
    Path bundle = dataDir.resolve("bundle-after-head.json");
    java.nio.file.Files.writeString(bundle, evidence.body());

    StringWriter verified = new StringWriter();
    CommandLine verify = ShiftproofCli.commandLine();
    verify.setOut(new PrintWriter(verified, true));
    int verifyExit =
        verify.execute(
            "verify",
            bundle.toString(),
            "--ca",
            hub.hub().credentialsDir().resolve("ca.pem").toString(),
            "--head",
            head.toString());
    assertThat(verifyExit).as(verified.toString()).isZero();
    assertThat(verified.toString())
        .contains("ok   ledgerHead.signature")
        .contains("ledgerHead.entries");

    StringWriter audited = new StringWriter();
    CommandLine audit = ShiftproofCli.commandLine();
    audit.setOut(new PrintWriter(audited, true));
    int auditExit =
        audit.execute(
            "audit",
            "--as",
            "admin",
            "--data-dir=" + dataDir,
            "--url=" + hub.hub().apiUrl(),
            "--head",
            head.toString());
    assertThat(auditExit).as(audited.toString()).isZero();
    assertThat(audited.toString()).contains("clean:");
  }

  @Test
  void theHubsOwnDatabaseRoleCannotRewriteHistory() throws Exception {
    try (Connection c = hub.connectAsHub();
        Statement s = c.createStatement()) {
      for (String attack :
          List.of(
              "UPDATE day_record_version SET record = record",
              "DELETE FROM anchor_batch",
              "TRUNCATE ledger_entry",
              "ALTER TABLE ledger_entry DISABLE TRIGGER USER",
              "DROP TRIGGER ledger_entry_append_only ON ledger_entry")) {
        assertThatThrownBy(() -> s.execute(attack))
            .as(attack)
            .isInstanceOfSatisfying(
                java.sql.SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      }
    }
  }

  private static String dayPath(String worker) {
    return dayPath(worker, day);
  }

  private static String dayPath(String worker, LocalDate date) {
    return "/v1/workers/" + worker + "/days/" + date;
  }

  private static String sealedWorker() throws Exception {
    try (Connection c = hub.connectDatabase();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT worker_ref FROM day_record_version WHERE day = ?"
                    + " ORDER BY worker_ref LIMIT 1")) {
      p.setObject(1, day);
      try (ResultSet r = p.executeQuery()) {
        assertThat(r.next()).as("a sealed day").isTrue();
        return r.getString(1);
      }
    }
  }

  private static HttpResponse<String> requestEvidence(String org, String worker, Instant at)
      throws Exception {
    String body =
        new JsonObject()
            .put("workerRef", worker)
            .put("incidentAt", Rfc3339.format(at, WorkingTimeConfig.DEFAULT_ZONE))
            .encode();
    return hub.post(org, "/v1/evidence", "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertCode(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
        .isEqualTo(code);
  }

  private static long countEntries(String function) throws Exception {
    try (Connection c = hub.connectDatabase()) {
      return count(c, "ledger_entry WHERE function = '" + function + "'");
    }
  }

  private static long count(Connection c, String table) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static X509Certificate devCa() {
    return TlsContexts.loadCertificate(hub.hub().credentialsDir().resolve("ca.pem"));
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
                credentials.signingKey().toString()))
        .connect();
  }
}

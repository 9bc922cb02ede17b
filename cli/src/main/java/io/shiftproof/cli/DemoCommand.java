package io.shiftproof.cli;

import io.shiftproof.cli.demo.DayTimelineChart;
import io.shiftproof.cli.demo.DemoClaim;
import io.shiftproof.cli.demo.DemoSummary;
import io.shiftproof.config.Settings;
import io.shiftproof.embedded.TempDirectories;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.gateway.config.PostgresConfig;
import io.shiftproof.hub.Hub;
import io.shiftproof.hub.HubSettings;
import io.shiftproof.hub.StoredDayRecords;
import io.shiftproof.hub.StreamJobConfig;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.evidence.EvidenceVerifier;
import io.shiftproof.ledger.evidence.VerificationReport;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.BatchJsonWriter;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.simulator.BatchPusher;
import io.shiftproof.simulator.PlatformBatch;
import io.shiftproof.simulator.PushConfig;
import io.shiftproof.simulator.PushReport;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.JobKeys;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole path in one command: a fresh embedded hub, simulated platforms pushing a day of work
 * over mutual TLS, the working-time job turning it into day records, and what the records show.
 */
@Command(
    name = "demo",
    description =
        "Start a fresh embedded hub, simulate platforms pushing a day of gig work, wait until the"
            + " working-time job has processed it, and print what the day records show.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--workers",
      defaultValue = "200",
      description = "Simulated workers. Default: ${DEFAULT-VALUE}")
  int workers;

  @Option(
      names = "--platforms",
      defaultValue = "3",
      description = "Simulated platforms. Default: ${DEFAULT-VALUE}")
  int platforms;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Simulation seed. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(
      names = "--ascii",
      description = "Draw the chart with ASCII characters instead of block shades.")
  boolean ascii;

  @Option(
      names = "--timeout",
      defaultValue = "PT5M",
      description = "Give up waiting for the job after this long. Default: ${DEFAULT-VALUE}")
  Duration timeout;

  @Option(names = "--keep", description = "Keep the demo hub's data directory.")
  boolean keep;

  @Option(
      names = "--ledger",
      defaultValue = "postgres",
      description =
          "The ledger the job anchors on: postgres (the hub's own log) or fabric (the local"
              + " Fabric network, which the demo starts). Default: ${DEFAULT-VALUE}")
  String ledger;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dataDir = TempDirectories.create("demo");
    SimulationConfig simulation =
        SimulationConfig.builder().seed(seed).workers(workers).platforms(platforms).days(1).build();
    LocalDate day = simulation.startDate();
    Settings settings =
        HubSettings.defaults()
            .with(GatewayKeys.DATA_DIR, dataDir.toString())
            .with(GatewayKeys.GATEWAY_PORT, "0")
            .with(GatewayKeys.MANAGEMENT_PORT, "0")
            .with(JobKeys.CHECKPOINT_INTERVAL, "PT2S")
            .with(JobKeys.LEDGER_KIND, ledger);
    if (ledger.equals("fabric")) {
      out.println("Starting the local Fabric network (ledger/fabric-network/fabric.sh up)");
      out.flush();
      out.println("      connection settings: " + LocalFabric.up());
    }
    step(
        out,
        "1/4",
        "Starting a fresh embedded hub (Kafka, PostgreSQL, the Flink job, the gateway)");
    try (Hub hub = Hub.start(settings)) {
      step(
          out,
          "2/4",
          String.format(
              "Simulating %d workers on %d platforms for %s; about %.0f%% of them work on more"
                  + " than one app",
              workers, platforms, day, simulation.multiAppShare() * 100));
      Instant newestEvent =
          push(
              out,
              hub,
              pseudonymised(out, hub, simulation, dataDir.resolve("credentials")),
              dataDir.resolve("credentials"));
      step(out, "4/4", "Waiting for the working-time job to process every event");
      List<DayRecord> records =
          awaitRecords(hub.postgres(), StreamJobConfig.from(settings).job(), newestEvent, day);
      out.println();
      out.print(DemoSummary.of(records).render());
      out.println();
      DayRecord shown = DayTimelineChart.pickInteresting(records);
      out.print(new DayTimelineChart(ascii).render(shown));
      out.println();
      showQuery(out, hub, shown, dataDir.resolve("credentials"));
      out.println();
      showClaim(out, hub, shown, day, platforms, dataDir.resolve("credentials"));
      out.flush();
      return 0;
    } finally {
      if (keep) {
        out.println("Data kept in " + dataDir);
      } else {
        TempDirectories.delete(dataDir);
      }
      out.flush();
    }
  }

  /** The simulation with every worker's real VOPRF pseudonym from the demo's hub. */
  private static SimulationConfig pseudonymised(
      PrintWriter out, Hub hub, SimulationConfig simulation, Path credentials) {
    long start = System.nanoTime();
    String asking = SimulatedPseudonyms.askingPlatform(simulation);
    SimulationConfig withRefs =
        SimulatedPseudonyms.fromHub(
            simulation,
            hub.apiUrl(),
            HubClient.sslContext(credentials, asking),
            HubClient.privateKey(credentials, asking));
    out.printf(
        "      %d workers pseudonymised by %s through the hub's and the regulator's evaluators"
            + " (VOPRF, both proofs checked) in %.1f s%n",
        simulation.workers(), asking, (System.nanoTime() - start) / 1e9);
    return withRefs;
  }

  /** Pushes the simulated batches over HTTPS with each platform's certificate. */
  private Instant push(PrintWriter out, Hub hub, SimulationConfig simulation, Path credentials)
      throws InterruptedException {
    List<PlatformBatch> batches = Simulation.generate(simulation).toList();
    Instant newest =
        batches.stream()
            .flatMap(batch -> batch.batch().events().stream())
            .map(e -> e.occurredAt())
            .max(Instant::compareTo)
            .orElseThrow();
    Map<String, SSLContext> contexts = new ConcurrentHashMap<>();
    BatchPusher pusher =
        new BatchPusher(
            PushConfig.builder(hub.apiUrl()).concurrency(8).build(),
            platform ->
                contexts.computeIfAbsent(platform, p -> HubClient.sslContext(credentials, p)),
            platform -> HubClient.privateKey(credentials, platform),
            System.err);
    step(
        out,
        "3/4",
        "Pushing the platforms' batches to POST /v1/events over mutual TLS, each signed by its"
            + " platform");
    PushReport report = pusher.push(batches.stream());
    out.printf(
        "      %,d events in %,d batches, %,d accepted, %,d rejected, in %.1f s%n",
        report.eventsDelivered(),
        report.batchesDelivered(),
        report.accepted(),
        report.rejected(),
        report.elapsed().toMillis() / 1000.0);
    if (!report.failures().isEmpty()) {
      throw new CliFailure(
          ShiftproofCli.EXIT_REFUSED, "the hub refused batches: " + report.failures().get(0));
    }
    showForeignSignatureRefused(out, hub, batches, credentials);
    return newest;
  }

  /**
   * One batch sent again by its platform under another platform's signature: the hub refuses it, so
   * no platform can pass its events off as another's, nor deny its own.
   */
  private static void showForeignSignatureRefused(
      PrintWriter out, Hub hub, List<PlatformBatch> batches, Path credentials) {
    PlatformBatch sample = batches.get(0);
    Optional<String> other =
        batches.stream()
            .map(PlatformBatch::platform)
            .filter(p -> !p.equals(sample.platform()))
            .findFirst();
    if (other.isEmpty()) {
      return;
    }
    HttpResponse<String> answer =
        HubClient.forOrganisation(credentials, sample.platform(), hub.apiUrl())
            .postBatch(
                "application/json",
                BatchJsonWriter.toJson(sample.batch()),
                HubClient.privateKey(credentials, other.get()));
    out.printf(
        "      the same batch from %s under %s's signature: HTTP %d %s%n",
        sample.platform(),
        other.get(),
        answer.statusCode(),
        new JsonObject(answer.body()).getJsonObject("error", new JsonObject()).getString("code"));
  }

  /**
   * Waits until the job's committed watermark has passed the newest event less the watermark's lag,
   * so every event has been applied and the records holding them are stored.
   */
  private List<DayRecord> awaitRecords(
      PostgresConfig postgres, WorkingTimeJobConfig job, Instant newestEvent, LocalDate day)
      throws Exception {
    try (Connection c =
        DriverManager.getConnection(
            postgres.url().orElseThrow(), postgres.user(), postgres.password())) {
      StoredDayRecords.Progress progress =
          StoredDayRecords.awaitProcessed(c, job, newestEvent, timeout);
      if (!progress.reached()) {
        throw new CliFailure(
            ShiftproofCli.EXIT_UNREACHABLE,
            "the working-time job has not processed the events within "
                + timeout
                + " ("
                + progress
                + "); try a longer --timeout");
      }
      return StoredDayRecords.latest(c, day);
    } catch (SQLException e) {
      throw new CliFailure(
          ShiftproofCli.EXIT_UNREACHABLE, "cannot read the day records: " + e.getMessage());
    }
  }

  /**
   * Shows that the same record is what the query API answers. The operator reads it: an insurer
   * reads a worker's day only for a claim assigned to it (docs/design.md §8.5).
   */
  private static void showQuery(PrintWriter out, Hub hub, DayRecord shown, Path credentials) {
    String path = "/v1/workers/" + shown.getWorkerRef() + "/days/" + shown.getDay();
    HttpResponse<String> response =
        HubClient.forOrganisation(credentials, "admin", hub.apiUrl()).get(path);
    out.printf(
        "The operator reads this record with GET %s (client certificate of admin): HTTP %d,"
            + " %,d bytes of JSON; an insurer reads it only for a claim assigned to it.%n",
        path, response.statusCode(), response.body().length());
    out.println(
        "Run `./shiftproof run` to start a hub that keeps its data, and `./shiftproof get --as"
            + " admin "
            + path
            + "` to read it yourself.");
  }

  /**
   * Files a claim for the shown worker, at an instant they were executing an order: the insurer
   * covers every platform, the engaged platform reports, the insurer decides with its own signature
   * and pays, and the worker reads the claim and who looked at their data.
   */
  private static void showClaim(
      PrintWriter out, Hub hub, DayRecord shown, LocalDate day, int platforms, Path credentials) {
    Optional<DemoClaim> incident = DemoClaim.of(shown);
    if (incident.isEmpty()) {
      out.println("This worker executed no order that day, so the demo files no claim.");
      return;
    }
    HubClient insurer = HubClient.forOrganisation(credentials, "insurer-1", hub.apiUrl());
    for (int p = 1; p <= platforms; p++) {
      String platform = "platform-" + p;
      JsonObject policy =
          new JsonObject()
              .put("policyId", "demo-" + platform)
              .put("platform", platform)
              .put("validFrom", day.minusDays(1) + "T00:00:00+08:00")
              .put("validTo", day.plusDays(30) + "T00:00:00+08:00")
              .put("premiumPerOrderFen", 7);
      ClaimsCommand.post(insurer, "/v1/policies", policy);
      ClaimsCommand.post(
          HubClient.forOrganisation(credentials, platform, hub.apiUrl()),
          "/v1/policies/demo-" + platform + "/accept",
          new JsonObject());
    }
    DemoClaim claim = incident.get();
    out.printf(
        "A claim: insurer-1 covers every platform. The worker is injured at %s while executing an"
            + " order for %s; %s reports it with one tap.%n",
        Rfc3339.format(claim.incidentAt(), ZoneId.of(shown.getZone())),
        String.join(" and ", claim.engagedPlatforms()),
        claim.platform());
    HttpResponse<String> reported =
        ClaimsCommand.post(
            HubClient.forOrganisation(credentials, claim.platform(), hub.apiUrl()),
            "/v1/claims",
            new JsonObject()
                .put("reference", "demo-accident-1")
                .put("workerRef", shown.getWorkerRef())
                .put("incidentAt", Rfc3339.format(claim.incidentAt(), ZoneId.of(shown.getZone())))
                .put("category", "traffic"));
    if (reported.statusCode() != 200) {
      out.println(
          "  The report was refused: HTTP " + reported.statusCode() + " " + reported.body());
      return;
    }
    JsonObject opened = new JsonObject(reported.body());
    String claimId = opened.getString("claimId");
    JsonObject support = opened.getJsonObject("decisionSupport");
    out.printf(
        "  %s: evidence frozen (SHA-256 %s...), %s under %s, liable %s, assigned to %s.%n",
        claimId,
        opened.getString("evidenceHash").substring(0, 16),
        support.getString("outcome"),
        support.getString("ruleSet"),
        support.getJsonArray("liablePlatforms").encode(),
        opened.getJsonArray("assignedInsurers").encode());
    showEvidenceChecked(out, insurer, claimId, credentials);
    JsonObject decision =
        ClaimsCommand.decisionBody(
            insurer,
            claimId,
            Decision.APPROVED,
            List.of("executing an order at the incident"),
            null,
            ClaimsCommand.Signing.of(credentials, "insurer-1"));
    HttpResponse<String> decided =
        ClaimsCommand.post(insurer, "/v1/claims/" + claimId + "/decision", decision);
    HttpResponse<String> paid =
        ClaimsCommand.post(
            insurer,
            "/v1/claims/" + claimId + "/payment",
            new JsonObject().put("paymentRef", "demo-pay-1").put("amountFen", 150_000));
    out.printf(
        "  insurer-1 approves it, signing the decision with its own key (HTTP %d), and pays"
            + " ¥1,500.00 (HTTP %d).%n",
        decided.statusCode(), paid.statusCode());
    String token = opened.getJsonObject("receipt").getString("workerToken");
    HubClient worker = HubClient.forWorker(credentials, token, hub.apiUrl());
    HttpResponse<String> own = worker.get("/v1/me/claims/" + claimId);
    HttpResponse<String> log = worker.get("/v1/me/access-log");
    JsonObject mine = new JsonObject(own.body());
    out.printf(
        "  The worker, with the token from the claim receipt, sees the claim %s (%d steps, each a"
            + " ledger transaction) and %d reads of their data in the access log.%n",
        mine.getString("status"),
        mine.getJsonArray("history").size(),
        new JsonObject(log.body()).getJsonArray("entries").size());
  }

  /**
   * Checks the claim's frozen evidence as a court would, offline against the CA, and shows one of
   * the worker's events as its platform signed it.
   */
  private static void showEvidenceChecked(
      PrintWriter out, HubClient insurer, String claimId, Path credentials) {
    HttpResponse<String> evidence = insurer.get("/v1/claims/" + claimId + "/evidence");
    if (evidence.statusCode() != 200) {
      out.println("  The frozen evidence could not be read: HTTP " + evidence.statusCode());
      return;
    }
    VerificationReport report =
        EvidenceVerifier.verify(
            evidence.body().getBytes(StandardCharsets.UTF_8),
            Optional.of(TlsContexts.loadCertificate(credentials.resolve("ca.pem"))));
    long events = report.checks().stream().filter(c -> c.name().endsWith("].event")).count();
    out.printf(
        "  Checked offline against the CA, as ./shiftproof verify does: %s (%d checks), with %d of"
            + " the worker's events in the window each under its platform's batch signature.%n",
        report.passed()
            ? "every check passes"
            : "FAILED at " + report.firstFailure().orElseThrow().name(),
        report.checks().size(),
        events);
    report.checks().stream()
        .filter(c -> c.name().endsWith("].event") && c.passed())
        .filter(c -> c.detail().contains("TASK_STARTED"))
        .findFirst()
        .ifPresent(c -> out.printf("  For instance: %s.%n", c.detail()));
  }

  private static void step(PrintWriter out, String number, String text) {
    out.println(number + "  " + text + " ...");
    out.flush();
  }
}

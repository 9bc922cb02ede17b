package io.shiftproof.benchmarks;

import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.hub.Hub;
import io.shiftproof.hub.HubKeys;
import io.shiftproof.hub.HubSettings;
import io.shiftproof.hub.StoredDayRecords;
import io.shiftproof.ledger.contract.ClaimDecision;
import io.shiftproof.ledger.contract.Decision;
import io.shiftproof.ledger.contract.SignedDecision;
import io.shiftproof.ledger.decision.InsurerSignature;
import io.shiftproof.ledger.pki.PemKeys;
import io.shiftproof.ledger.pki.TlsContexts;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.DaySegments;
import io.shiftproof.schemas.wire.Rfc3339;
import io.shiftproof.simulator.PlatformBatch;
import io.shiftproof.simulator.PushConfig;
import io.shiftproof.simulator.PushReport;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.JobKeys;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench claims} (docs/design.md §7.4, §8.5): on a hub with its job, a simulated first day
 * settles; then claims are reported for workers who were executing an order, each with its evidence
 * frozen (latency p50/p99 and claims per second), and decided with the insurer's signature
 * (decisions per second). Finally, the same purpose-bound day reads are timed with the access log
 * on and off, on a hub restarted over the same data (no job), alternating.
 *
 * <p>Goals: a report with its frozen evidence p99 ≤ 2 s when the days are settled; the access log
 * costs ≤ 10 % of query throughput.
 */
public final class ClaimsBenchmark {
  /**
   * @param claims how many claims to report (at most one per worker with an engaged segment)
   * @param queries day reads per measurement
   * @param rounds measurements with the log on and off, alternating
   */
  public record Settings(
      int workers, int platforms, long seed, int claims, int queries, int rounds, Path workDir) {}

  private static final int CONCURRENCY = 4;

  private final Settings settings;
  private final PrintWriter out;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  public ClaimsBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  public void run() throws Exception {
    SimulationConfig simulation =
        SimulationConfig.builder()
            .seed(settings.seed())
            .workers(settings.workers())
            .platforms(settings.platforms())
            .days(2)
            .build();
    LocalDate settledDay = simulation.startDate();
    Settings s = settings;
    out.printf(
        "bench claims: %d workers on %d platforms, 2 days (the first settles), %d claims,"
            + " %d reads per measurement, %d rounds%n",
        s.workers(), s.platforms(), s.claims(), s.queries(), s.rounds());
    out.flush();
    List<Incident> incidents;
    List<String> claimIds = new ArrayList<>();
    List<String> readPaths = new ArrayList<>();
    try (Hub hub = Hub.start(hubSettings(true, "on"))) {
      push(hub, simulation);
      incidents = incidents(hub, settledDay);
      policies(hub);
      Timings reports = new Timings();
      long start = System.nanoTime();
      List<JsonObject> opened =
          parallel(
              incidents,
              incident -> {
                long t0 = System.nanoTime();
                HttpResponse<String> r =
                    post(hub, incident.platform(), "/v1/claims", report(incident));
                reports.add(System.nanoTime() - t0);
                return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
              });
      double reportSeconds = (System.nanoTime() - start) / 1e9;
      for (JsonObject claim : opened) {
        if (claim != null) {
          claimIds.add(claim.getString("claimId"));
          readPaths.add("/v1/workers/" + claim.getString("workerRef") + "/days/" + settledDay);
        }
      }
      out.printf(
          "reports:   %d of %d opened, %.1f claims/s, latency p50 %d ms, p99 %d ms (goal p99 ≤"
              + " 2000 ms)%n",
          claimIds.size(),
          incidents.size(),
          claimIds.size() / reportSeconds,
          reports.percentileMillis(50),
          reports.percentileMillis(99));
      InsurerSignature insurer = insurerSignature(hub);
      start = System.nanoTime();
      AtomicInteger decided = new AtomicInteger();
      parallel(
          claimIds,
          claimId -> {
            JsonObject claim =
                new JsonObject(get(hub, "insurer-1", "/v1/claims/" + claimId).body());
            HttpResponse<String> r =
                post(
                    hub,
                    "insurer-1",
                    "/v1/claims/" + claimId + "/decision",
                    decision(insurer, claim));
            if (r.statusCode() == 200) {
              decided.incrementAndGet();
            }
            return null;
          });
      double decideSeconds = (System.nanoTime() - start) / 1e9;
      out.printf(
          "decisions: %d signed and committed, %.1f decisions/s (each with the claim read"
              + " first)%n",
          decided.get(), decided.get() / decideSeconds);
      out.flush();
    }
    if (readPaths.isEmpty()) {
      out.println("queries:   no claims were opened, so there is nothing an insurer may read");
      return;
    }
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    for (int round = 0; round < settings.rounds(); round++) {
      off.add(queries(hubSettings(false, "off"), readPaths));
      on.add(queries(hubSettings(false, "on"), readPaths));
    }
    double medianOn = median(on);
    double medianOff = median(off);
    out.printf(
        "queries:   day reads by the assigned insurer, %d per measurement: access log on %.0f/s,"
            + " off %.0f/s (medians of %d), cost %.1f %% (goal ≤ 10 %%)%n",
        settings.queries(),
        medianOn,
        medianOff,
        settings.rounds(),
        100.0 * (medianOff - medianOn) / medianOff);
    out.flush();
  }

  private record Incident(String workerRef, Instant at, String platform) {}

  /** One throughput measurement on a hub without the job, over the same data. */
  private double queries(io.shiftproof.config.Settings hubSettings, List<String> paths)
      throws Exception {
    try (Hub hub = Hub.start(hubSettings)) {
      clients.clear();
      List<String> requests = new ArrayList<>();
      for (int i = 0; i < settings.queries(); i++) {
        requests.add(paths.get(i % paths.size()));
      }
      get(hub, "insurer-1", requests.get(0)); // warm the connection
      long start = System.nanoTime();
      AtomicInteger ok = new AtomicInteger();
      parallel(
          requests,
          path -> {
            if (get(hub, "insurer-1", path).statusCode() == 200) {
              ok.incrementAndGet();
            }
            return null;
          });
      double seconds = (System.nanoTime() - start) / 1e9;
      if (ok.get() != requests.size()) {
        out.printf("  (%d of %d reads answered 200)%n", ok.get(), requests.size());
      }
      return ok.get() / seconds;
    }
  }

  private io.shiftproof.config.Settings hubSettings(boolean job, String accessLog) {
    return HubSettings.defaults()
        .with(GatewayKeys.DATA_DIR, settings.workDir().toString())
        .with(GatewayKeys.GATEWAY_PORT, "0")
        .with(GatewayKeys.MANAGEMENT_PORT, "0")
        .with(GatewayKeys.ACCESS_LOG_MODE, accessLog)
        .with(GatewayKeys.EVIDENCE_SEAL_WAIT, "PT45S")
        .with(GatewayKeys.REQUEST_TIMEOUT, "PT55S")
        .with(JobKeys.CHECKPOINT_INTERVAL, "PT1S")
        .with(HubKeys.STREAM_JOB_MODE, job ? "embedded" : "external");
  }

  private void push(Hub hub, SimulationConfig simulation) throws Exception {
    List<PlatformBatch> batches = Simulation.generate(simulation).toList();
    Instant newest =
        batches.stream()
            .flatMap(b -> b.batch().events().stream())
            .map(e -> e.occurredAt())
            .max(Instant::compareTo)
            .orElseThrow();
    PushReport report =
        new DevOrganisations(hub.credentialsDir())
            .pusher(
                PushConfig.builder(hub.apiUrl()).concurrency(8).build(),
                new PrintStream(OutputStream.nullOutputStream()))
            .push(batches.stream());
    out.printf(
        "pushed:    %,d events in %.1f s; waiting for the job%n",
        report.accepted(), report.elapsed().toMillis() / 1000.0);
    out.flush();
    try (Connection c = connect(hub)) {
      StoredDayRecords.Progress progress =
          StoredDayRecords.awaitProcessed(
              c, WorkingTimeJobConfig.defaults(), newest, Duration.ofMinutes(10));
      if (!progress.reached()) {
        throw new IllegalStateException("the job did not process the events: " + progress);
      }
    }
  }

  /** Up to {@code claims} incidents: the middle of a settled worker's first engaged segment. */
  private List<Incident> incidents(Hub hub, LocalDate day) throws Exception {
    List<Incident> incidents = new ArrayList<>();
    try (Connection c = connect(hub)) {
      for (DayRecord record : StoredDayRecords.latest(c, day)) {
        for (DaySegments.Segment segment : DaySegments.of(record)) {
          if (!segment.engagedPlatforms().isEmpty()) {
            long middle = segment.fromMicros() + (segment.toMicros() - segment.fromMicros()) / 2;
            incidents.add(
                new Incident(
                    record.getWorkerRef(),
                    Instant.EPOCH.plus(middle, ChronoUnit.MICROS).truncatedTo(ChronoUnit.SECONDS),
                    segment.engagedPlatforms().get(0)));
            break;
          }
        }
        if (incidents.size() == settings.claims()) {
          break;
        }
      }
    }
    return incidents;
  }

  private void policies(Hub hub) throws Exception {
    for (int p = 1; p <= settings.platforms(); p++) {
      String platform = "platform-" + p;
      post(
          hub,
          "insurer-1",
          "/v1/policies",
          new JsonObject()
              .put("policyId", "bench-" + platform)
              .put("platform", platform)
              .put("validFrom", "2026-01-01T00:00:00+08:00")
              .put("validTo", "2028-01-01T00:00:00+08:00")
              .put("premiumPerOrderFen", 7));
      post(hub, platform, "/v1/policies/bench-" + platform + "/accept", new JsonObject());
    }
  }

  private static JsonObject report(Incident incident) {
    return new JsonObject()
        .put("reference", "bench-" + incident.workerRef())
        .put("workerRef", incident.workerRef())
        .put("incidentAt", Rfc3339.format(incident.at(), ZoneId.of("Asia/Shanghai")))
        .put("category", "traffic");
  }

  private static JsonObject decision(InsurerSignature insurer, JsonObject claim) {
    String ruleSet = claim.getJsonObject("decisionSupport").getString("ruleSet");
    SignedDecision signed =
        insurer.sign(
            new ClaimDecision(
                claim.getString("claimId"),
                Decision.APPROVED,
                claim.getString("evidenceHash"),
                ruleSet,
                List.of("bench"),
                "insurer-1",
                Instant.now()));
    return new JsonObject()
        .put("decision", "APPROVED")
        .put("evidenceHash", signed.decision().evidenceHash())
        .put("ruleVersion", ruleSet)
        .put("reasons", new JsonArray(signed.decision().reasons()))
        .put("signedAt", Rfc3339.format(signed.decision().signedAt(), ZoneId.of("UTC")))
        .put("signature", signed.signature());
  }

  private static InsurerSignature insurerSignature(Hub hub) {
    Path dir = hub.credentialsDir().resolve("insurer-1");
    return new InsurerSignature(
        PemKeys.signer(dir.resolve("key.pem")),
        TlsContexts.loadCertificate(dir.resolve("cert.pem")));
  }

  private interface Work<T, R> {
    R apply(T item) throws Exception;
  }

  private static <T, R> List<R> parallel(List<T> items, Work<T, R> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private HttpResponse<String> post(Hub hub, String org, String path, JsonObject body)
      throws Exception {
    return client(hub, org)
        .send(
            HttpRequest.newBuilder(hub.apiUrl().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(Hub hub, String org, String path) throws Exception {
    return client(hub, org)
        .send(
            HttpRequest.newBuilder(hub.apiUrl().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpClient client(Hub hub, String org) {
    URI key = hub.apiUrl().resolve("/" + org);
    return clients.computeIfAbsent(
        key.toString(), k -> new DevOrganisations(hub.credentialsDir()).client(org));
  }

  private static Connection connect(Hub hub) throws Exception {
    var postgres = hub.postgres();
    return DriverManager.getConnection(
        postgres.url().orElseThrow(), postgres.user(), postgres.password());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Request latencies, thread-safe. */
  private static final class Timings {
    private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

    void add(long elapsed) {
      nanos.add(elapsed);
    }

    long percentileMillis(int percentile) {
      List<Long> sorted;
      synchronized (nanos) {
        sorted = new ArrayList<>(nanos);
      }
      if (sorted.isEmpty()) {
        return 0;
      }
      Collections.sort(sorted);
      int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, index)) / 1_000_000;
    }
  }
}

package io.shiftproof.benchmarks;

import static io.shiftproof.benchmarks.BenchServers.EMPTY_TOPIC;
import static io.shiftproof.benchmarks.BenchServers.EVENTS_TOPIC;

import io.shiftproof.benchmarks.BenchJobRuns.JobRun;
import io.shiftproof.benchmarks.BenchJobRuns.Run;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.records.StoredBatches;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.shiftproof.streamjobs.records.PostgresDayRecordOutputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The working-time job anchoring on Hyperledger Fabric against anchoring on the hub's PostgreSQL
 * ledger, on the same events in the same run: its end-to-end throughput with each ledger, and the
 * records each anchor transaction carries when the job runs at full throughput. The goal (issue 12)
 * is the job on Fabric at 0.9x or more of its throughput on the PostgreSQL ledger: the job anchors
 * once per checkpoint, so a slower ledger should not show.
 *
 * <p>Runs as {@link AnchoringBenchmark} does: parallelism 1, the hub's checkpoint interval, several
 * simulated days so that days settle and are anchored mid-stream, a warm-up run on each ledger,
 * then rounds alternating which ledger goes first, medians of the rounds, and each ledger's fixed
 * start-up and stop (a run on an empty topic) shown apart. The Fabric network is the one whose
 * connection settings the Fabric ledger is given ({@code ./shiftproof bench fabric} starts the
 * local one); every run anchors on the job's one chain there, after the batches of earlier runs.
 */
public final class FabricJobBenchmark {
  /** Benchmark settings. */
  public record Settings(
      int workers, int platforms, int days, long seed, int rounds, Path workDir) {}

  private static final List<LedgerKind> LEDGERS = List.of(LedgerKind.POSTGRES, LedgerKind.FABRIC);

  private final Settings settings;
  private final PrintWriter out;

  public FabricJobBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  /** One ledger's runs: events, start-up, and the anchored batches of each run. */
  private static final class LedgerRuns {
    final List<Run> runs = new ArrayList<>();
    final List<Run> startUps = new ArrayList<>();
    final List<StoredBatches.Sizes> batches = new ArrayList<>();
  }

  public void run() throws Exception {
    if (settings.rounds() < 1) {
      throw new IllegalArgumentException("rounds: got " + settings.rounds() + ", want at least 1");
    }
    SimulationConfig simulation =
        BenchJobRuns.simulation(
            settings.workers(), settings.platforms(), settings.days(), settings.seed());
    List<RecordedEvent> events = BenchJobRuns.events(simulation);
    out.printf(
        "%nthe job on each ledger: %,d events (%d workers x %d platforms x %d days)%n",
        events.size(), settings.workers(), settings.platforms(), settings.days());
    out.flush();
    DevCredentials credentials =
        DevCredentials.ensure(
            settings.workDir().resolve("job-credentials"), DevCredentials.STANDARD_ORGANISATIONS);
    try (BenchServers servers = BenchServers.start(settings.workDir().resolve("job"), events)) {
      RecordStoreConfig store = servers.store();
      LedgerSettings ledgerSettings =
          new LedgerSettings(
              store.jdbcUrl(), store.user(), store.password(), credentials.signingKey().toString());
      Map<LedgerKind, LedgerEndpoint> endpoints = new EnumMap<>(LedgerKind.class);
      Map<LedgerKind, LedgerRuns> results = new EnumMap<>(LedgerKind.class);
      for (LedgerKind kind : LEDGERS) {
        endpoints.put(kind, Ledgers.endpoint(kind, ledgerSettings));
        results.put(kind, new LedgerRuns());
      }
      for (LedgerKind kind : LEDGERS) {
        runJob("warm-up", kind, EVENTS_TOPIC, servers, endpoints.get(kind), events.size());
      }
      for (int round = 1; round <= settings.rounds(); round++) {
        // Which ledger goes first alternates, so a trend across runs (JIT, the database's own
        // housekeeping, the Fabric ledger's growing chain) favours neither.
        List<LedgerKind> order =
            round % 2 == 1 ? LEDGERS : List.of(LedgerKind.FABRIC, LedgerKind.POSTGRES);
        for (LedgerKind kind : order) {
          LedgerRuns r = results.get(kind);
          r.startUps.add(
              runJob("start-up #" + round, kind, EMPTY_TOPIC, servers, endpoints.get(kind), 0)
                  .run());
          Measured measured =
              runJob(
                  "run #" + round, kind, EVENTS_TOPIC, servers, endpoints.get(kind), events.size());
          r.runs.add(measured.run());
          r.batches.add(measured.batches());
        }
      }
      print(results.get(LedgerKind.POSTGRES), results.get(LedgerKind.FABRIC));
    }
  }

  /** A run and the batches it anchored. */
  private record Measured(Run run, StoredBatches.Sizes batches) {}

  private Measured runJob(
      String name,
      LedgerKind kind,
      String topic,
      BenchServers servers,
      LedgerEndpoint ledger,
      long events)
      throws Exception {
    servers.truncateRecords();
    RecordStoreConfig store = servers.store();
    WorkingTimeJobConfig config = WorkingTimeJobConfig.defaults();
    String id = (kind.name() + "-" + name).toLowerCase().replaceAll("[^a-z0-9]+", "-");
    Run run =
        BenchJobRuns.run(
            new JobRun(
                name,
                "hashmap",
                settings.workDir().resolve("job-checkpoints").resolve(id),
                servers.bootstrap(),
                topic,
                "bench-fabric-job-" + id,
                PostgresDayRecordOutputs.anchored(store, config.jobName(), ledger),
                config,
                events));
    StoredBatches.Sizes batches;
    try (Connection c = BenchJobRuns.connect(store)) {
      batches = StoredBatches.sizes(c);
    }
    out.printf(
        "  %-10s %-14s %,10.0f events/s  %5.1f s  %3d anchors%n",
        label(kind),
        name,
        events == 0 ? 0.0 : run.eventsPerSecond(),
        run.elapsed().toMillis() / 1000.0,
        batches.batches());
    out.flush();
    return new Measured(run, batches);
  }

  private void print(LedgerRuns postgres, LedgerRuns fabric) {
    Duration postgresStartUp = medianElapsed(postgres.startUps);
    Duration fabricStartUp = medianElapsed(fabric.startUps);
    double postgresRate = median(postgres.runs, Run::eventsPerSecond);
    double fabricRate = median(fabric.runs, Run::eventsPerSecond);
    double postgresProcessing = median(minus(postgres.runs, postgresStartUp), Run::eventsPerSecond);
    double fabricProcessing = median(minus(fabric.runs, fabricStartUp), Run::eventsPerSecond);
    double ratio = fabricRate / postgresRate;
    double processingRatio = fabricProcessing / postgresProcessing;
    out.printf(
        "%njob end to end (Kafka -> job -> PostgreSQL, anchoring each checkpoint, parallelism 1):%n");
    out.printf(
        "  %-16s %12s %18s %24s %20s%n",
        "ledger", "events/s", "start-up + stop", "events/s less start-up", "records per anchor");
    printRow(
        label(LedgerKind.POSTGRES), postgres, postgresRate, postgresStartUp, postgresProcessing);
    printRow(label(LedgerKind.FABRIC), fabric, fabricRate, fabricStartUp, fabricProcessing);
    out.printf(
        "  fabric / postgres: %.2fx as measured, %.2fx less start-up (goal >= 0.90: %s) — medians"
            + " of %d runs each%n",
        ratio, processingRatio, processingRatio >= 0.9 ? "met" : "NOT met", fabric.runs.size());
    StoredBatches.Sizes last = fabric.batches.get(fabric.batches.size() - 1);
    out.printf(
        "  last fabric run: %d anchor transactions, %.0f records per anchor on average, %d at most"
            + " (one anchor per checkpoint of %d s)%n",
        last.batches(),
        last.meanVersions(),
        last.maxVersions(),
        WorkingTimeJobConfig.defaults().checkpointInterval().toSeconds());
    out.flush();
  }

  private void printRow(
      String name, LedgerRuns runs, double rate, Duration startUp, double processing) {
    out.printf(
        "  %-16s %,12.0f %16.1f s %,24.0f %20.0f%n",
        name,
        rate,
        startUp.toMillis() / 1000.0,
        processing,
        runs.batches.stream().mapToDouble(StoredBatches.Sizes::meanVersions).average().orElse(0));
  }

  private static String label(LedgerKind kind) {
    return kind == LedgerKind.FABRIC ? "fabric" : "postgres";
  }

  /** The median of the runs' figure: one disturbed run on a shared machine should not decide. */
  private static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static Duration medianElapsed(List<Run> runs) {
    return Duration.ofMillis((long) median(runs, r -> r.elapsed().toMillis()));
  }

  private static List<Run> minus(List<Run> runs, Duration startUp) {
    return runs.stream()
        .map(r -> r.processingOnly(new Run(r.name(), 0, startUp, Duration.ZERO)))
        .toList();
  }
}

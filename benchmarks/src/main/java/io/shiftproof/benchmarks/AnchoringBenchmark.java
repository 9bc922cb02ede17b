package io.shiftproof.benchmarks;

import static io.shiftproof.benchmarks.BenchServers.EMPTY_TOPIC;
import static io.shiftproof.benchmarks.BenchServers.EVENTS_TOPIC;

import io.shiftproof.benchmarks.BenchJobRuns.JobRun;
import io.shiftproof.benchmarks.BenchJobRuns.Run;
import io.shiftproof.ledger.Ledger;
import io.shiftproof.ledger.LedgerEndpoint;
import io.shiftproof.ledger.backend.LedgerKind;
import io.shiftproof.ledger.backend.LedgerSettings;
import io.shiftproof.ledger.backend.Ledgers;
import io.shiftproof.ledger.contract.AnchorRequest;
import io.shiftproof.ledger.merkle.MerkleTree;
import io.shiftproof.ledger.pki.DevCredentials;
import io.shiftproof.records.PostgresDayRecordReader;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.records.StoredBatches;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.shiftproof.streamjobs.records.DayRecordOutputs;
import io.shiftproof.streamjobs.records.PostgresDayRecordOutputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What anchoring costs the working-time job (docs/design.md §6): its end-to-end throughput with
 * anchoring on (embedded ledger) against off, in the same run on the same events, the batches and
 * ledger entries it made, and the anchoring work of a run timed on its own. Merkle hashing per core
 * and inclusion-proof latency are micro-benchmarks ({@link MicroBenchmark}).
 *
 * <p>The job runs alternate off and on, the first mode of each round alternating too, after a
 * warm-up of each, at parallelism 1 with the hub's checkpoint interval, over several simulated days
 * so that days settle, and are anchored, mid-stream.
 */
public final class AnchoringBenchmark {
  /** Benchmark settings. */
  public record Settings(
      int workers, int platforms, int days, long seed, int rounds, Path workDir) {}

  private final Settings settings;
  private final PrintWriter out;

  public AnchoringBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  public void run() throws Exception {
    SimulationConfig simulation =
        BenchJobRuns.simulation(
            settings.workers(), settings.platforms(), settings.days(), settings.seed());
    List<RecordedEvent> events = BenchJobRuns.events(simulation);
    out.printf(
        "anchoring benchmark: %,d events (%d workers x %d platforms x %d days)%n",
        events.size(), settings.workers(), settings.platforms(), settings.days());
    DevCredentials credentials =
        DevCredentials.ensure(
            settings.workDir().resolve("credentials"), DevCredentials.STANDARD_ORGANISATIONS);
    try (BenchServers servers = BenchServers.start(settings.workDir(), events)) {
      RecordStoreConfig store = servers.store();
      LedgerEndpoint ledger =
          Ledgers.endpoint(
              LedgerKind.POSTGRES,
              new LedgerSettings(
                  store.jdbcUrl(),
                  store.user(),
                  store.password(),
                  credentials.signingKey().toString()));
      out.printf("events written to the topic; warming up ...%n");
      runJob("warm-up", EVENTS_TOPIC, servers, null, events.size());
      runJob("warm-up", EVENTS_TOPIC, servers, ledger, events.size());
      List<Run> off = new ArrayList<>();
      List<Run> on = new ArrayList<>();
      List<Run> offStartUp = new ArrayList<>();
      List<Run> onStartUp = new ArrayList<>();
      for (int round = 1; round <= settings.rounds(); round++) {
        // Which mode goes first alternates, so a trend across runs (JIT, the database's own
        // housekeeping) does not favour one mode. The last round runs "on" last: the batches and
        // records read below are that run's.
        boolean offFirst = (settings.rounds() - round) % 2 == 0;
        for (boolean anchoring :
            offFirst ? new boolean[] {false, true} : new boolean[] {true, false}) {
          LedgerEndpoint mode = anchoring ? ledger : null;
          String name = anchoring ? "on" : "off";
          (anchoring ? onStartUp : offStartUp)
              .add(runJob(name + ", start-up #" + round, EMPTY_TOPIC, servers, mode, 0));
          (anchoring ? on : off)
              .add(
                  runJob(
                      "anchoring " + name + " #" + round,
                      EVENTS_TOPIC,
                      servers,
                      mode,
                      events.size()));
        }
      }
      Batches batches = batches(store);
      printJob(off, on, medianElapsed(offStartUp), medianElapsed(onStartUp), batches);
      anchoringWork(sealedRecords(store), batches, ledger, medianElapsed(on));
      out.printf(
          "%nMerkle hashing per core and inclusion-proof latency: ./shiftproof bench micro (JMH)%n");
    }
  }

  private Run runJob(
      String name, String topic, BenchServers servers, LedgerEndpoint ledger, long events)
      throws Exception {
    servers.truncateRecords();
    RecordStoreConfig store = servers.store();
    WorkingTimeJobConfig config = WorkingTimeJobConfig.defaults();
    DayRecordOutputs outputs =
        ledger == null
            ? PostgresDayRecordOutputs.unanchored(store, config.jobName())
            : PostgresDayRecordOutputs.anchored(store, config.jobName(), ledger);
    String id = name.replaceAll("[^a-z0-9]+", "-") + (ledger == null ? "-off" : "-on");
    Run run =
        BenchJobRuns.run(
            new JobRun(
                name,
                "hashmap",
                settings.workDir().resolve("checkpoints").resolve(id),
                servers.bootstrap(),
                topic,
                "bench-anchoring-" + id,
                outputs,
                config,
                events));
    out.printf(
        "  %-26s %,10.0f events/s  %5.1f s%n",
        name + (ledger == null ? "" : " (ledger)"),
        events == 0 ? 0.0 : run.eventsPerSecond(),
        run.elapsed().toMillis() / 1000.0);
    return run;
  }

  /** The anchored batches of the last run: count, records per batch, ledger entries so far. */
  private record Batches(long count, double meanRecords, long maxRecords, long ledgerEntries) {}

  private static Batches batches(RecordStoreConfig store) throws SQLException {
    try (Connection c = BenchJobRuns.connect(store)) {
      StoredBatches.Sizes sizes = StoredBatches.sizes(c);
      return new Batches(
          sizes.batches(), sizes.meanVersions(), sizes.maxVersions(), ledgerEntries(c));
    }
  }

  private static long ledgerEntries(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM ledger_entry")) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * Prints the runs as measured and less each mode's fixed start-up and shutdown cost (the median
   * of its runs on an empty topic: opening the ledger, the final checkpoint), which a job that runs
   * for days pays once.
   */
  private void printJob(
      List<Run> off, List<Run> on, Duration offStartUp, Duration onStartUp, Batches batches) {
    double offRate = median(off, Run::eventsPerSecond);
    double onRate = median(on, Run::eventsPerSecond);
    double offProcessing = median(minus(off, offStartUp), Run::eventsPerSecond);
    double onProcessing = median(minus(on, onStartUp), Run::eventsPerSecond);
    double ratio = onRate / offRate;
    double processingRatio = onProcessing / offProcessing;
    out.printf("%njob end to end (Kafka -> job -> PostgreSQL, parallelism 1, heap state):%n");
    out.printf(
        "  %-16s %12s %18s %24s %14s%n",
        "", "events/s", "start-up + stop", "events/s less start-up", "events/CPU-s");
    out.printf(
        "  %-16s %,12.0f %16.1f s %,24.0f %,14.0f%n",
        "anchoring off",
        offRate,
        offStartUp.toMillis() / 1000.0,
        offProcessing,
        median(off, Run::eventsPerCpuSecond));
    out.printf(
        "  %-16s %,12.0f %16.1f s %,24.0f %,14.0f%n",
        "anchoring on",
        onRate,
        onStartUp.toMillis() / 1000.0,
        onProcessing,
        median(on, Run::eventsPerCpuSecond));
    out.printf(
        "  on / off: %.2fx as measured, %.2fx less start-up (goal >= 0.90: %s) — medians of %d"
            + " runs each%n",
        ratio, processingRatio, processingRatio >= 0.9 ? "met" : "NOT met", on.size());
    out.printf(
        "  last anchored run: %d batches, %.0f records per batch on average, %d at most;"
            + " %d ledger entries in all runs%n",
        batches.count(), batches.meanRecords(), batches.maxRecords(), batches.ledgerEntries());
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

  /**
   * The work anchoring adds to a run, timed on its own: for the last run's records split into as
   * many batches as it anchored, the Merkle tree, every inclusion proof and one ledger transaction
   * per batch. Run-to-run noise on a shared machine is larger than this, so the share of a run it
   * takes is the steadier measure of what anchoring costs.
   */
  private void anchoringWork(
      List<byte[]> records, Batches batches, LedgerEndpoint endpoint, Duration onRun) {
    int count = (int) Math.max(1, batches.count());
    Duration took;
    try (Ledger ledger = endpoint.connect()) {
      // Connecting (pool, signing key) is once per job, not per batch: left out of the timing.
      long started = System.nanoTime();
      Optional<String> previous = Optional.empty();
      for (int b = 0; b < count; b++) {
        List<byte[]> slice =
            records.subList(b * records.size() / count, (b + 1) * records.size() / count);
        MerkleTree tree = MerkleTree.fromLeaves(slice);
        for (int i = 0; i < tree.size(); i++) {
          tree.inclusionProof(i);
        }
        String batchId = "bench-anchoring-work/" + System.nanoTime() + "/" + b;
        ledger.anchorBatch(
            new AnchorRequest(
                batchId,
                "bench-anchoring-work",
                previous,
                tree.rootHash().toHex(),
                tree.size(),
                0,
                1));
        previous = Optional.of(batchId);
      }
      took = Duration.ofNanos(System.nanoTime() - started);
    }
    out.printf(
        "  anchoring work of that run, timed alone: %d records (%.0f bytes on average) in %d"
            + " batches (trees, proofs, one ledger transaction each) took %d ms, %.2f %% of a %.1f"
            + " s run%n",
        records.size(),
        records.stream().mapToInt(r -> r.length).average().orElse(0),
        count,
        took.toMillis(),
        100.0 * took.toNanos() / onRun.toNanos(),
        onRun.toMillis() / 1000.0);
  }

  /** Every sealed version the last run stored, as canonical bytes. */
  private static List<byte[]> sealedRecords(RecordStoreConfig store) throws SQLException {
    List<byte[]> records;
    try (Connection c = BenchJobRuns.connect(store)) {
      records = PostgresDayRecordReader.sealedRecordBytes(c);
    }
    if (records.isEmpty()) {
      throw new IllegalStateException("the job stored no sealed versions to anchor");
    }
    return records;
  }
}

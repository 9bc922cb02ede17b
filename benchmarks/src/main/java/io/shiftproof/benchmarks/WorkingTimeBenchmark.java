package io.shiftproof.benchmarks;

import static io.shiftproof.benchmarks.BenchServers.EMPTY_TOPIC;
import static io.shiftproof.benchmarks.BenchServers.EVENTS_TOPIC;

import io.shiftproof.benchmarks.BenchJobRuns.Run;
import io.shiftproof.benchmarks.baseline.SqlWorkingTimeBaseline;
import io.shiftproof.benchmarks.baseline.WorkerDay;
import io.shiftproof.records.PostgresDayRecordReader;
import io.shiftproof.records.RecordStoreConfig;
import io.shiftproof.schemas.avro.DayRecord;
import io.shiftproof.schemas.wire.RecordedEvent;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.streamjobs.WorkingTimeJobConfig;
import io.shiftproof.streamjobs.records.PostgresDayRecordOutputs;
import io.shiftproof.streamjobs.worktime.DayTotals;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Throughput of the working-time job from Kafka to PostgreSQL, on the heap and the RocksDB state
 * backends, against a PostgreSQL SQL baseline that computes the same totals from the same raw
 * events with range arithmetic; and whether the two agree on every worker-day.
 *
 * <p>The events are written to the topic first, then each job run reads all of them as a bounded
 * stream with parallelism 1 (one slot, so the figure is per core of processing), seals every day
 * and stores it. Two things would otherwise swamp the processing on small data sets and are taken
 * out, the same way for every run:
 *
 * <ul>
 *   <li><b>Warm-up.</b> An untimed run of the job (and of the SQL query) comes first, so no timed
 *       run pays for class loading and JIT compilation that a long-running job pays once.
 *   <li><b>Start-up.</b> Flink's net run time includes starting and stopping the job (mini cluster,
 *       Kafka discovery, the final checkpoint). Each backend is also run on an empty topic, and
 *       that fixed cost is subtracted from the full run's time and CPU; both the raw and the
 *       processing-only figures are printed.
 * </ul>
 *
 * The CPU figure is the whole JVM's (job, embedded broker serving it) over the run, so events per
 * CPU-second is conservative.
 */
public final class WorkingTimeBenchmark {

  /** Benchmark settings. */
  public record Settings(int workers, int platforms, int days, long seed, Path workDir) {}

  private final Settings settings;
  private final PrintWriter out;

  public WorkingTimeBenchmark(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  public void run() throws Exception {
    SimulationConfig simulation =
        BenchJobRuns.simulation(
            settings.workers(), settings.platforms(), settings.days(), settings.seed());
    List<RecordedEvent> events = BenchJobRuns.events(simulation);
    out.printf(
        "working-time benchmark: %,d events (%d workers x %d platforms x %d days, with"
            + " duplicates, late events and missing OFFLINEs)%n",
        events.size(), settings.workers(), settings.platforms(), settings.days());

    try (BenchServers servers = BenchServers.start(settings.workDir(), events)) {
      RecordStoreConfig store = servers.store();
      String bootstrap = servers.bootstrap();
      out.printf("events written to the topic; warming up ...%n");
      servers.truncateRecords();
      runJob("hashmap", "warm-up", EVENTS_TOPIC, bootstrap, store, events.size());
      out.printf("running the job ...%n");

      List<Run> rawRuns = new ArrayList<>();
      List<Run> runs = new ArrayList<>();
      Map<String, Map<WorkerDay, DayTotals>> jobTotals = new LinkedHashMap<>();
      for (String backend : List.of("hashmap", "rocksdb")) {
        servers.truncateRecords();
        Run startUp = runJob(backend, "start-up only", EMPTY_TOPIC, bootstrap, store, 0);
        servers.truncateRecords();
        Run full = runJob(backend, "timed", EVENTS_TOPIC, bootstrap, store, events.size());
        rawRuns.add(full);
        runs.add(full.processingOnly(startUp));
        jobTotals.put(full.name(), latestTotals(store));
      }

      Map<WorkerDay, DayTotals> sqlTotals;
      Duration load;
      Run sql;
      try (Connection c = BenchJobRuns.connect(store)) {
        SqlWorkingTimeBaseline.createTables(c);
        long loadStart = System.nanoTime();
        SqlWorkingTimeBaseline.load(c, events);
        load = Duration.ofNanos(System.nanoTime() - loadStart);
        try (Statement s = c.createStatement()) {
          s.execute("ANALYZE");
        }
        // Warm-up, as for the job: PostgreSQL's caches and the JDBC driver's code paths.
        SqlWorkingTimeBaseline.computeTotals(c, simulation.zone());
        long start = System.nanoTime();
        sqlTotals = SqlWorkingTimeBaseline.computeTotals(c, simulation.zone());
        sql =
            new Run(
                "PostgreSQL SQL baseline",
                events.size(),
                Duration.ofNanos(System.nanoTime() - start),
                Duration.ZERO);
      }
      Map<String, Agreement> agreements = new LinkedHashMap<>();
      jobTotals.forEach((run, totals) -> agreements.put(run, agreement(totals, sqlTotals)));
      print(rawRuns, runs, sql, load, agreements);
    }
  }

  private Run runJob(
      String backend,
      String purpose,
      String topic,
      String bootstrap,
      RecordStoreConfig store,
      long events)
      throws Exception {
    WorkingTimeJobConfig config = WorkingTimeJobConfig.defaults();
    String id = backend + "-" + purpose.replace(' ', '-');
    Run run =
        BenchJobRuns.run(
            new BenchJobRuns.JobRun(
                "job, " + backendName(backend),
                backend,
                settings.workDir().resolve("checkpoints").resolve(id),
                bootstrap,
                topic,
                "bench-" + id,
                PostgresDayRecordOutputs.unanchored(store, config.jobName()),
                config,
                events));
    out.printf("  %s (%s): %.1f s%n", run.name(), purpose, run.elapsed().toMillis() / 1000.0);
    return run;
  }

  private static String backendName(String backend) {
    return backend.equals("hashmap") ? "heap state" : "RocksDB state";
  }

  /** The totals of each worker-day's latest sealed version. */
  private static Map<WorkerDay, DayTotals> latestTotals(RecordStoreConfig store)
      throws SQLException {
    Map<WorkerDay, DayTotals> totals = new HashMap<>();
    try (Connection c = BenchJobRuns.connect(store)) {
      for (DayRecord record : PostgresDayRecordReader.latestSealedVersions(c)) {
        var t = record.getTotals();
        totals.put(
            new WorkerDay(record.getWorkerRef(), LocalDate.parse(record.getDay())),
            new DayTotals(
                t.getOnlineSeconds(),
                t.getEngagedSeconds(),
                t.getOnTaskSeconds(),
                t.getMultiAppSeconds(),
                t.getPlatformSumSeconds(),
                t.getLongestStretchSeconds()));
      }
    }
    return totals;
  }

  /** Worker-days compared, and those whose totals differ; a day missing on one side is zero. */
  record Agreement(int compared, List<WorkerDay> differing) {}

  static Agreement agreement(Map<WorkerDay, DayTotals> job, Map<WorkerDay, DayTotals> sql) {
    DayTotals zero = new DayTotals(0, 0, 0, 0, 0, 0);
    Set<WorkerDay> days = new HashSet<>(job.keySet());
    days.addAll(sql.keySet());
    List<WorkerDay> differing = new ArrayList<>();
    for (WorkerDay day : days) {
      if (!job.getOrDefault(day, zero).equals(sql.getOrDefault(day, zero))) {
        differing.add(day);
      }
    }
    return new Agreement(days.size(), differing);
  }

  private void print(
      List<Run> rawRuns,
      List<Run> runs,
      Run sql,
      Duration load,
      Map<String, Agreement> agreements) {
    out.printf("%n%-26s %12s %10s %16s%n", "", "events/s", "seconds", "events/CPU-s");
    out.printf("including job start-up (Flink net run time):%n");
    for (Run run : rawRuns) {
      printRun(run);
    }
    out.printf("processing only (less the same job's run on an empty topic):%n");
    for (Run run : runs) {
      printRun(run);
    }
    out.printf(
        "%-26s %,12.0f %10.1f %16s%n",
        sql.name(), sql.eventsPerSecond(), sql.elapsed().toMillis() / 1000.0, "-");
    out.printf(
        "  (query only, second of two runs; loading the raw events into PostgreSQL took a further"
            + " %.1f s, not counted)%n",
        load.toMillis() / 1000.0);
    for (Run run : runs) {
      out.printf(
          "%s (processing only) / SQL baseline: %.1fx%n",
          run.name(), run.eventsPerSecond() / sql.eventsPerSecond());
    }
    agreements.forEach(
        (run, agreement) -> {
          if (agreement.differing().isEmpty()) {
            out.printf(
                "%s: totals agree, all %,d worker-days identical (latest sealed version vs SQL)%n",
                run, agreement.compared());
          } else {
            out.printf(
                "%s: totals DISAGREE on %,d of %,d worker-days, e.g. %s%n",
                run,
                agreement.differing().size(),
                agreement.compared(),
                agreement.differing().subList(0, Math.min(5, agreement.differing().size())));
          }
        });
  }

  private void printRun(Run run) {
    out.printf(
        "%-26s %,12.0f %10.1f %,16.0f%n",
        run.name(),
        run.eventsPerSecond(),
        run.elapsed().toMillis() / 1000.0,
        run.eventsPerCpuSecond());
  }
}

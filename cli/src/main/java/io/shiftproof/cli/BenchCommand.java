package io.shiftproof.cli;

import io.shiftproof.benchmarks.AnchoringBenchmark;
import io.shiftproof.benchmarks.ClaimsBenchmark;
import io.shiftproof.benchmarks.FabricAnchoringBenchmark;
import io.shiftproof.benchmarks.FabricJobBenchmark;
import io.shiftproof.benchmarks.IngestBenchmark;
import io.shiftproof.benchmarks.LatencyBenchmark;
import io.shiftproof.benchmarks.MicroBenchmark;
import io.shiftproof.benchmarks.PseudonymBenchmark;
import io.shiftproof.benchmarks.QueryBenchmark;
import io.shiftproof.benchmarks.WorkingTimeBenchmark;
import io.shiftproof.embedded.TempDirectories;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks: each prints its figures next to a baseline measured in the same run. */
@Command(
    name = "bench",
    description = "Run a benchmark and print its figures against a baseline.",
    subcommands = {
      BenchCommand.Ingest.class,
      BenchCommand.WorkingTime.class,
      BenchCommand.Anchoring.class,
      BenchCommand.Fabric.class,
      BenchCommand.Micro.class,
      BenchCommand.Pseudonyms.class,
      BenchCommand.Claims.class,
      BenchCommand.Query.class,
      BenchCommand.Latency.class
    })
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "ingest",
      description =
          "Push simulated batches over HTTPS with mutual TLS to a fresh embedded hub; print"
              + " events/s acknowledged and hub CPU µs/event, against raw Kafka.")
  static final class Ingest implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--workers",
        defaultValue = "1500",
        description = "Simulated workers (sets the event count). Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(
        names = "--batch-size",
        defaultValue = "500",
        description = "Events per batch. Default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(
        names = "--concurrency",
        defaultValue = "16",
        description = "Batches in flight. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(
        names = "--seed",
        defaultValue = "7",
        description = "Simulation seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--keep", description = "Keep the benchmark hub's data directory.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
      return inWorkDir(
          "bench-ingest",
          keep,
          workDir -> {
            new IngestBenchmark(
                    new IngestBenchmark.Settings(
                        workers, batchSize, concurrency, 0.1, seed, workDir),
                    spec.commandLine().getOut())
                .run();
          });
    }
  }

  @Command(
      name = "working-time",
      description =
          "Run the working-time job from Kafka to PostgreSQL on the heap and RocksDB state"
              + " backends; print events/s against a PostgreSQL SQL baseline computing the same"
              + " totals, and whether the totals agree; and the job with its silence timers on"
              + " against off, with the timers per worker-day.")
  static final class WorkingTime implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin SimulatedLoadOptions load;

    @Option(
        names = "--days",
        defaultValue = "1",
        description = "Simulated days. Default: ${DEFAULT-VALUE}")
    int days;

    @Option(
        names = "--rounds",
        defaultValue = "2",
        description =
            "Job runs per backend with the silence timers on and off, alternating."
                + " Default: ${DEFAULT-VALUE}")
    int rounds;

    @Override
    public Integer call() throws Exception {
      if (rounds < 1) {
        throw new CliFailure(
            ShiftproofCli.EXIT_USAGE, "--rounds: got " + rounds + ", want at least 1");
      }
      return inWorkDir(
          "bench-working-time",
          false,
          workDir -> {
            new WorkingTimeBenchmark(
                    new WorkingTimeBenchmark.Settings(
                        load.workers, load.platforms, days, load.seed, rounds, workDir),
                    spec.commandLine().getOut())
                .run();
          });
    }
  }

  @Command(
      name = "anchoring",
      description =
          "The working-time job's throughput with anchoring on against off, its anchored batches"
              + " and ledger entries, and the anchoring work of a run timed alone. Merkle hashing"
              + " and proof latency: bench micro.")
  static final class Anchoring implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin SimulatedLoadOptions load;

    @Option(
        names = "--days",
        defaultValue = "3",
        description =
            "Simulated days; days settle and are anchored mid-stream. Default: ${DEFAULT-VALUE}")
    int days;

    @Option(
        names = "--rounds",
        defaultValue = "3",
        description = "Job runs with anchoring off and on, alternating. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Override
    public Integer call() throws Exception {
      return inWorkDir(
          "bench-anchoring",
          false,
          workDir -> {
            new AnchoringBenchmark(
                    new AnchoringBenchmark.Settings(
                        load.workers, load.platforms, days, load.seed, rounds, workDir),
                    spec.commandLine().getOut())
                .run();
          });
    }
  }

  @Command(
      name = "fabric",
      description =
          "Start the local Fabric network (ledger/fabric-network/fabric.sh up) and anchor on it;"
              + " print anchors/s and commit latency (p50/p99) against the hub's PostgreSQL"
              + " ledger, then the working-time job's throughput anchoring on Fabric against on"
              + " the PostgreSQL ledger, and the records per anchor transaction.")
  static final class Fabric implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin SimulatedLoadOptions load;

    @Option(
        names = "--days",
        defaultValue = "3",
        description =
            "Simulated days of the job's load; days settle and are anchored mid-stream."
                + " Default: ${DEFAULT-VALUE}")
    int days;

    @Option(
        names = "--rounds",
        defaultValue = "2",
        description =
            "Job runs on each ledger, alternating which goes first. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(
        names = "--anchors",
        defaultValue = "200",
        description = "Anchors on one chain, batch after batch. Default: ${DEFAULT-VALUE}")
    int anchors;

    @Option(
        names = "--chains",
        defaultValue = "4",
        description =
            "Chains anchored at once for the concurrent figure. Default: ${DEFAULT-VALUE}")
    int chains;

    @Override
    public Integer call() throws Exception {
      if (rounds < 1) {
        throw new CliFailure(
            ShiftproofCli.EXIT_USAGE, "--rounds: got " + rounds + ", want at least 1");
      }
      spec.commandLine().getOut().println("network: " + LocalFabric.up());
      return inWorkDir(
          "bench-fabric",
          false,
          workDir -> {
            new FabricAnchoringBenchmark(
                    new FabricAnchoringBenchmark.Settings(anchors, chains, workDir),
                    spec.commandLine().getOut())
                .run();
            new FabricJobBenchmark(
                    new FabricJobBenchmark.Settings(
                        load.workers, load.platforms, days, load.seed, rounds, workDir),
                    spec.commandLine().getOut())
                .run();
          });
    }
  }

  @Command(
      name = "micro",
      description =
          "JMH micro-benchmarks on sealed day records: Merkle leaves hashed per second per core"
              + " against plain SHA-256, tree building, and inclusion-proof generation and"
              + " verification against hashing the proof's path.")
  static final class Micro implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--quick",
        description = "A smoke run of seconds: one short warm-up and two short measurements.")
    boolean quick;

    @Option(
        names = "--threads",
        defaultValue = "1",
        description = "Threads per benchmark; figures stay per core. Default: ${DEFAULT-VALUE}")
    int threads;

    @Override
    public Integer call() throws Exception {
      MicroBenchmark.Settings settings;
      try {
        settings = new MicroBenchmark.Settings(quick, threads);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(ShiftproofCli.EXIT_USAGE, "--" + e.getMessage());
      }
      new MicroBenchmark(settings, spec.commandLine().getOut()).run();
      return 0;
    }
  }

  @Command(
      name = "pseudonyms",
      description =
          "VOPRF pseudonyms (JMH): evaluations per second per core on the hub with one key and"
              + " with the split key, and the platform's blind + verify + finalize per second,"
              + " against one P-256 scalar multiplication.")
  static final class Pseudonyms implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--quick",
        description = "A smoke run of seconds: one short warm-up and two short measurements.")
    boolean quick;

    @Option(
        names = "--threads",
        defaultValue = "1",
        description = "Threads per benchmark; figures stay per core. Default: ${DEFAULT-VALUE}")
    int threads;

    @Override
    public Integer call() throws Exception {
      PseudonymBenchmark.Settings settings;
      try {
        settings = new PseudonymBenchmark.Settings(quick, threads);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(ShiftproofCli.EXIT_USAGE, "--" + e.getMessage());
      }
      new PseudonymBenchmark(settings, spec.commandLine().getOut()).run();
      return 0;
    }
  }

  @Command(
      name = "claims",
      description =
          "Claims reported per second with their evidence frozen (latency p50/p99), decisions"
              + " per second, and purpose-bound query throughput with the access log on against"
              + " off.")
  static final class Claims implements Callable<Integer> {
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

    @Option(names = "--seed", defaultValue = "11", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
        names = "--claims",
        defaultValue = "100",
        description = "Claims to report. Default: ${DEFAULT-VALUE}")
    int claims;

    @Option(
        names = "--queries",
        defaultValue = "2000",
        description = "Day reads per measurement. Default: ${DEFAULT-VALUE}")
    int queries;

    @Option(
        names = "--rounds",
        defaultValue = "3",
        description = "Measurements with the access log off and on. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Override
    public Integer call() throws Exception {
      return inWorkDir(
          "bench-claims",
          false,
          workDir -> {
            new ClaimsBenchmark(
                    new ClaimsBenchmark.Settings(
                        workers, platforms, seed, claims, queries, rounds, workDir),
                    spec.commandLine().getOut())
                .run();
          });
    }
  }

  @Command(
      name = "query",
      description =
          "Status and day-record queries with proofs over a pool of mutual TLS keep-alive"
              + " connections at fixed offered rates (open loop), p50/p99/p99.9 latency per rate against the"
              + " cheapest authenticated route, and the highest rate held with p99 under the goal.")
  static final class Query implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--workers",
        defaultValue = "300",
        description = "Simulated workers. Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--seed", defaultValue = "13", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
        names = "--rates",
        split = ",",
        defaultValue = "250,500,1000,2000,3000",
        description = "Offered requests per second, run in turn. Default: ${DEFAULT-VALUE}")
    List<Integer> rates;

    @Option(
        names = "--seconds",
        defaultValue = "10",
        description = "Seconds per rate. Default: ${DEFAULT-VALUE}")
    int seconds;

    @Option(
        names = "--connections",
        defaultValue = "16",
        description =
            "Keep-alive connections, one request at a time each. Default: ${DEFAULT-VALUE}")
    int connections;

    @Option(
        names = "--max-outstanding",
        defaultValue = "2000",
        description =
            "Requests waiting for a connection at most; beyond, a due request is not sent."
                + " Default: ${DEFAULT-VALUE}")
    int maxOutstanding;

    @Option(
        names = "--p99-goal-ms",
        defaultValue = "5",
        description = "The p99 a rate must stay under to count as held. Default: ${DEFAULT-VALUE}")
    double p99GoalMillis;

    @Override
    public Integer call() throws Exception {
      if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1) || seconds < 1) {
        throw new CliFailure(
            ShiftproofCli.EXIT_USAGE, "--rates: want positive rates; --seconds: want at least 1");
      }
      if (connections < 1 || maxOutstanding < 1) {
        throw new CliFailure(
            ShiftproofCli.EXIT_USAGE, "--connections and --max-outstanding: want at least 1");
      }
      return inWorkDir(
          "bench-query",
          false,
          workDir -> {
            new QueryBenchmark(
                    new QueryBenchmark.Settings(
                        workers,
                        seed,
                        rates,
                        seconds,
                        connections,
                        maxOutstanding,
                        p99GoalMillis,
                        workDir),
                    spec.commandLine().getOut())
                .run();
          });
    }
  }

  @Command(
      name = "latency",
      description =
          "Under a steady ingest load: from an event's 200 to the live record showing it, and"
              + " from an evidence request to its interim version sealed and anchored, p50/p99.")
  static final class Latency implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--load",
        defaultValue = "2000",
        description = "Background events per second. Default: ${DEFAULT-VALUE}")
    int load;

    @Option(
        names = "--load-workers",
        defaultValue = "500",
        description = "Workers the background load is spread over. Default: ${DEFAULT-VALUE}")
    int loadWorkers;

    @Option(
        names = "--probes",
        defaultValue = "12",
        description = "Events timed, one after another. Default: ${DEFAULT-VALUE}")
    int probes;

    @Option(
        names = "--warm-up",
        defaultValue = "200",
        description =
            "Seconds of load before the first probe; the evidence requests ask 180 s back."
                + " Default: ${DEFAULT-VALUE}")
    int warmUp;

    @Override
    public Integer call() throws Exception {
      if (load < 10 || loadWorkers < 1 || probes < 1 || warmUp < 0) {
        throw new CliFailure(
            ShiftproofCli.EXIT_USAGE,
            "--load: want at least 10; --load-workers and --probes: want at least 1;"
                + " --warm-up: want 0 or more");
      }
      return inWorkDir(
          "bench-latency",
          false,
          workDir -> {
            new LatencyBenchmark(
                    new LatencyBenchmark.Settings(load, loadWorkers, probes, warmUp, workDir),
                    spec.commandLine().getOut())
                .run();
          });
    }
  }

  /** What a benchmark does in its own temporary directory. */
  private interface WorkDirTask {
    void run(Path workDir) throws Exception;
  }

  /** Runs {@code task} in a fresh temporary directory, deleted afterwards unless kept; exit 0. */
  private static int inWorkDir(String name, boolean keep, WorkDirTask task) throws Exception {
    Path workDir = TempDirectories.create(name);
    try {
      task.run(workDir);
    } finally {
      if (!keep) {
        TempDirectories.delete(workDir);
      }
    }
    return 0;
  }
}

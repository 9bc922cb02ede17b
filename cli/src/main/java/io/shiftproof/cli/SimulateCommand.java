package io.shiftproof.cli;

import io.shiftproof.config.Settings;
import io.shiftproof.gateway.config.GatewayKeys;
import io.shiftproof.simulator.BatchFileWriter;
import io.shiftproof.simulator.BatchPusher;
import io.shiftproof.simulator.FaultProfile;
import io.shiftproof.simulator.PushConfig;
import io.shiftproof.simulator.PushReport;
import io.shiftproof.simulator.Simulation;
import io.shiftproof.simulator.SimulationConfig;
import io.shiftproof.simulator.SimulationTally;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generates realistic multi-platform gig work and writes it to files or pushes it to a hub. */
@Command(
    name = "simulate",
    description =
        "Generate seeded, realistic multi-platform gig work: write JSON batches (--out) or push"
            + " them to the running hub (--push).")
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HubOptions hub;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Write <DIR>/<platform>/<batchId>.json.")
    Path out;

    @Option(
        names = "--push",
        description = "Push to the running hub with the platforms' credentials.")
    boolean push;
  }

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed; the same seed gives the same events. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(
      names = "--workers",
      defaultValue = "200",
      description = "Workers. Default: ${DEFAULT-VALUE}")
  int workers;

  @Option(
      names = "--platforms",
      defaultValue = "3",
      description = "Platforms platform-1..N. Default: ${DEFAULT-VALUE}")
  int platforms;

  @Option(names = "--days", defaultValue = "1", description = "Days. Default: ${DEFAULT-VALUE}")
  int days;

  @Option(
      names = "--start-date",
      paramLabel = "yyyy-MM-dd",
      description = "First day. Default: so that the last day ended yesterday in Asia/Shanghai.")
  LocalDate startDate;

  @Option(
      names = "--multi-app-share",
      defaultValue = "0.3",
      description = "Share of workers on two apps at once. Default: ${DEFAULT-VALUE}")
  double multiAppShare;

  @Option(
      names = "--batch-size",
      defaultValue = "500",
      description = "Events per batch at most. Default: ${DEFAULT-VALUE}")
  int batchSize;

  @Option(
      names = "--duplicates",
      defaultValue = "0",
      description = "Fault: share of events resent.")
  double duplicates;

  @Option(
      names = "--late",
      defaultValue = "0",
      description = "Fault: share of events delivered late.")
  double late;

  @Option(
      names = "--missing-offline",
      defaultValue = "0",
      description = "Fault: share of sessions without OFFLINE.")
  double missingOffline;

  @Option(
      names = "--clock-skew",
      defaultValue = "0",
      description = "Fault: share of sessions with a skewed clock (up to 90 s).")
  double clockSkew;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "With --push: events/s, 0 = as fast as the hub answers.")
  double rate;

  @Option(
      names = "--concurrency",
      defaultValue = "8",
      description = "With --push: batches in flight. Default: ${DEFAULT-VALUE}")
  int concurrency;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "With --push: hub API URL (default: the running hub).")
  URI url;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    SimulationConfig config = config();
    SimulationTally tally = new SimulationTally();
    if (target.out != null) {
      long files = new BatchFileWriter(target.out).writeAll(Simulation.generate(config, tally));
      out.println("Wrote " + files + " batch files under " + target.out.toAbsolutePath());
      out.println(tally.summary().describe());
      return 0;
    }
    Settings settings = hub.settings();
    Path credentials = settings.get(GatewayKeys.DATA_DIR).resolve("credentials");
    URI base = HubEndpoint.resolve(Optional.ofNullable(url), settings);
    Map<String, SSLContext> contexts = new ConcurrentHashMap<>();
    String asking = SimulatedPseudonyms.askingPlatform(config);
    config =
        SimulatedPseudonyms.fromHub(
            config,
            base,
            contexts.computeIfAbsent(asking, p -> HubClient.sslContext(credentials, p)),
            HubClient.privateKey(credentials, asking));
    out.printf(
        "Pseudonymised %d workers through the hub's evaluators (VOPRF, as %s)%n",
        config.workers(), asking);
    BatchPusher pusher =
        new BatchPusher(
            PushConfig.builder(base).eventsPerSecond(rate).concurrency(concurrency).build(),
            platform ->
                contexts.computeIfAbsent(platform, p -> HubClient.sslContext(credentials, p)),
            platform -> HubClient.privateKey(credentials, platform),
            System.err);
    PushReport report = pusher.push(Simulation.generate(config, tally));
    out.println(tally.summary().describe());
    out.printf(
        "Pushed %d events in %d batches to %s in %.1f s (%.0f events/s): %d accepted,"
            + " %d duplicates, %d rejected, %d retries, %d failed batches%n",
        report.eventsDelivered(),
        report.batchesDelivered(),
        base,
        report.elapsed().toMillis() / 1000.0,
        report.eventsPerSecond(),
        report.accepted(),
        report.duplicates(),
        report.rejected(),
        report.retries(),
        report.failures().size());
    report.failures().stream().limit(5).forEach(f -> out.println("  failed: " + f));
    report.rejections().stream().limit(5).forEach(r -> out.println("  rejected: " + r));
    out.flush();
    return report.failures().isEmpty() ? 0 : ShiftproofCli.EXIT_REFUSED;
  }

  private SimulationConfig config() {
    LocalDate start =
        startDate != null
            ? startDate
            : LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(days + 1L);
    FaultProfile faults =
        FaultProfile.none()
            .withDuplicates(duplicates)
            .withLateEvents(late, Duration.ofMinutes(30))
            .withMissingOfflines(missingOffline)
            .withClockSkew(clockSkew, Duration.ofSeconds(90));
    try {
      return SimulationConfig.builder()
          .seed(seed)
          .workers(workers)
          .platforms(platforms)
          .days(days)
          .startDate(start)
          .multiAppShare(multiAppShare)
          .batchSize(batchSize)
          .faults(faults)
          .build();
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ShiftproofCli.EXIT_USAGE, e.getMessage());
    }
  }
}
